"""Create bodies may come bare or wrapped in their singular name (``{"group": {...}}``)."""

from __future__ import annotations

from typing import Any

from pydantic import BeforeValidator


def unwrap(name: str) -> Any:
    """Annotated metadata: accept ``{name: {...}}`` as well as ``{...}``."""

    def _unwrap(value: Any) -> Any:
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(name), dict):
            return value[name]
        return value

    return BeforeValidator(_unwrap)
