"""Micro-benchmark of the template engine: renders per second.

Run with ``python bench/templates.py``. Prints one line per case: a whole-value
template (keeps the JSON type), a mixed template (renders to text) and a bare
expression. Compiled templates come from the cache after the first call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flowline.engine.templates import RunInfo, build_context, evaluate, render

ROUNDS = 20_000


def _context() -> dict[str, Any]:
    return build_context(
        input={"email": "ada@example.com", "tier": "vip", "name": "Ada"},
        steps={"fetch": {"output": {"items": list(range(20))}, "status": "succeeded"}},
        vars={"greeting": "Hello"},
        secrets={"api_key": "sk-bench"},
        run=RunInfo(id="run_1", flow_id="flow_1", started_at="2025-01-01T00:00:00Z"),
    )


def _measure(label: str, call: Callable[[], Any]) -> None:
    call()  # compile once, outside the timing
    started = time.perf_counter()
    for _ in range(ROUNDS):
        call()
    elapsed = time.perf_counter() - started
    print(f"{label:<14} {ROUNDS / elapsed:>10,.0f} renders/s")


def main() -> None:
    """Print renders per second for each case."""
    context = _context()
    _measure("whole-value", lambda: render("{{ steps.fetch.output.items }}", context))
    _measure(
        "mixed",
        lambda: render("{{ vars.greeting }}, {{ input.name }} <{{ input.email }}>!", context),
    )
    _measure("expression", lambda: evaluate("input.tier == 'vip' and run.id != ''", context))


if __name__ == "__main__":
    main()
