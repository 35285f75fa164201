"""Reading a channel's server-sent events in tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson


async def read_until(
    lines: AsyncIterator[str], done: Any, seen: list[tuple[int, str, dict[str, Any]]]
) -> None:
    """Collect ``(id, event, data)`` into ``seen`` until ``done(seen)`` holds."""
    current: dict[str, str] = {}
    async for line in lines:
        if line.startswith(":"):
            continue
        if not line:
            if "data" in current:
                seen.append((int(current["id"]), current["event"], orjson.loads(current["data"])))
                if done(seen):
                    return
            current = {}
            continue
        name, _, value = line.partition(":")
        current[name] = value.lstrip(" ")
