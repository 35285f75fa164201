"""The garbage collector of a long-running process (``flowline serve``, ``flowline worker``).

CPython's cyclic collector runs its youngest generation every 700 allocations
net of frees, and each older pass walks every object still alive. A server's
modules, routes, models and compiled statements, made once at start, are most
of those objects, and a request allocates thousands of short-lived ones, so the
collector ran many times a request over objects that never die. The process
freezes what exists once it is built (``gc.freeze``: the collector no longer
looks at it) and collects its young generation every ``YOUNG`` allocations.
Reference counting still frees almost everything at once; only cycles wait a
little longer (docs/decisions.md has the bench's figures).
"""

from __future__ import annotations

import gc

YOUNG = 20_000
"""Allocations (net of frees) between two collections of the youngest generation."""
OLDER = 20
"""Collections of one generation between two of the next (CPython's default is 10)."""


def tune_collector() -> None:
    """Freeze the objects made so far and space out collections (once, when built)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG, OLDER, OLDER)
