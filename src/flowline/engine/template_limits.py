"""Limits and the per-render budget of the template sandbox, and value measuring.

Every limit is a module constant (tests tune them with ``monkeypatch``). The
budget lives in a context variable so the filters and operators of one render
share it without any global state.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, KeysView, Mapping, ValuesView
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from jinja2.runtime import Undefined

# Limits. Module constants so tests (and operators, if ever needed) can tune them.
MAX_SOURCE_CHARS = 64 * 1024
"""Longest template or expression accepted."""
MAX_NESTING_DEPTH = 64
"""Deepest syntax tree accepted (brackets, operators, blocks all count)."""
MAX_RANGE = 10_000
"""Most items ``range()`` may produce."""
MAX_LOOP_ITERATIONS = 100_000
"""Loop iterations (all loops together) in one render or evaluation."""
MAX_OUTPUT_CHARS = 1024 * 1024
"""Longest text a mixed template may render to."""
MAX_VALUE_CHARS = 1024 * 1024
"""Largest value (as JSON characters) an operator, filter or literal may build."""
MAX_BUILT_CHARS = 16 * 1024 * 1024
"""Characters all operators and filters together may build in one render."""
MAX_INT_BITS = 4096
"""Largest integer ``*`` and ``**`` may produce."""
MAX_FORMAT_WIDTH = 1000
"""Largest width or precision in a ``%`` format."""
MAX_ROUND_PRECISION = 100
"""Largest precision the ``round`` filter accepts."""
MAX_JSON_INDENT = 8
"""Largest indent the ``tojson`` filter accepts."""
MAX_VALUE_DEPTH = 256
"""Deepest nesting of a value a template may return or print."""
TIME_LIMIT_SECONDS = 1.0
"""Wall-clock time one render or evaluation may take."""


class LimitExceeded(Exception):
    """A template hit one of the sandbox limits."""


@dataclass(slots=True)
class Budget:
    """What one render or evaluation may still spend."""

    deadline: float = field(default_factory=lambda: time.monotonic() + TIME_LIMIT_SECONDS)
    iterations: int = 0
    built_chars: int = 0

    def tick(self) -> None:
        """Count one loop iteration."""
        self.iterations += 1
        if self.iterations > MAX_LOOP_ITERATIONS:
            raise LimitExceeded(f"more than {MAX_LOOP_ITERATIONS} loop iterations")
        if self.iterations % 64 == 0:
            self.check_time()

    def charge(self, chars: int) -> None:
        """Count characters an operator or filter built."""
        self.built_chars += chars
        if self.built_chars > MAX_BUILT_CHARS:
            raise LimitExceeded(f"built more than {MAX_BUILT_CHARS} characters")

    def check_time(self) -> None:
        """Fail once the wall-clock budget is spent."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"took longer than {TIME_LIMIT_SECONDS} seconds")


_BUDGET: ContextVar[Budget | None] = ContextVar("flowline_template_budget", default=None)


def current_budget() -> Budget:
    """The budget of the render in progress (a fresh one outside any render)."""
    budget = _BUDGET.get()
    # Outside a render (e.g. constant folding at compile time) a throwaway one.
    return Budget() if budget is None else budget


def start_budget() -> Any:
    """Start a fresh budget for one render; returns the token for ``end_budget``."""
    return _BUDGET.set(Budget())


def end_budget(token: Any) -> None:
    """Restore the budget that was active before ``start_budget``."""
    _BUDGET.reset(token)


# ---------------------------------------------------------------- measuring values


def measure(value: Any, limit: int = MAX_VALUE_CHARS) -> int:
    """Approximate JSON length of ``value``; raises ``LimitExceeded`` past ``limit``.

    Shared references count every time they appear, so a structure that doubles
    itself is caught after at most ``limit`` steps.
    """
    total = 0
    steps = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        steps += 1
        if steps % 4096 == 0:
            current_budget().check_time()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, float):
            total += 24
        elif isinstance(item, Mapping):
            total += 2 + 2 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, range)):
            total += 2 + len(item)
            if not isinstance(item, range):
                stack.extend(item)
        else:
            total += 8
        if total > limit:
            raise LimitExceeded(f"a value would be larger than {limit} characters")
    return total


def to_json_value(value: Any) -> Any:
    """Convert an evaluation result to plain JSON data (lists, dicts, scalars).

    Tuples, generators and dict views become lists; ``Markup`` becomes ``str``.
    An undefined value raises its undefined error; anything else is refused.
    """
    # No time check here: the walk is linear in data that already exists, and
    # values built inside a template were size-checked when they were built.

    def convert(item: Any, depth: int) -> Any:
        if depth > MAX_VALUE_DEPTH:
            raise LimitExceeded(f"a value is nested more than {MAX_VALUE_DEPTH} levels deep")
        if isinstance(item, Undefined):
            str(item)  # StrictUndefined raises its "is undefined" error here
            return None  # plain Undefined: ``x if cond`` without else, i.e. nothing
        if isinstance(item, str):
            return str(item)
        if item is None or isinstance(item, (bool, int, float)):
            return item
        if isinstance(item, Mapping):
            converted: dict[str, Any] = {}
            for key, sub in item.items():
                if not isinstance(key, str):
                    raise TypeError(f"object keys must be strings, not {type(key).__name__}")
                converted[str(key)] = convert(sub, depth + 1)
            return converted
        if isinstance(item, (list, tuple, range, KeysView, ValuesView, Iterator)):
            return [convert(sub, depth + 1) for sub in item]
        raise TypeError(f"a {type(item).__name__} is not a JSON value")

    return convert(value, 0)


def to_text(value: Any) -> str:
    """How a value prints inside text: strings as they are, the rest as compact JSON."""
    if isinstance(value, str):
        text = str(value)
    elif isinstance(value, Undefined):
        text = str(value)  # raises for StrictUndefined
    else:
        if not isinstance(value, (Iterator, KeysView, ValuesView)):
            measure(value)
        text = dump_json(to_json_value(value))
    if len(text) > MAX_VALUE_CHARS:
        raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
    return text


def dump_json(value: Any, indent: int | None = None) -> str:
    """Plain JSON: no HTML escaping, non-ASCII kept, compact unless indented."""
    separators = (",", ": ") if indent else (",", ":")
    return json.dumps(value, ensure_ascii=False, separators=separators, indent=indent)
