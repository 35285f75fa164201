"""Globals, operators and filters of the template sandbox, each size-checked.

Whatever can build a value bigger than its inputs (``*``, ``+``, ``%``, ``~``,
``replace``, ``join``, ``format``, ``batch`` …) checks the size of the result
before building it and charges what it built to the render's budget.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from jinja2 import pass_environment
from jinja2.environment import Environment
from jinja2.exceptions import FilterArgumentError, SecurityError
from jinja2.filters import do_batch, make_attrgetter

from flowline.engine.template_limits import (
    MAX_FORMAT_WIDTH,
    MAX_INT_BITS,
    MAX_JSON_INDENT,
    MAX_RANGE,
    MAX_ROUND_PRECISION,
    MAX_VALUE_CHARS,
    LimitExceeded,
    current_budget,
    dump_json,
    measure,
    to_json_value,
    to_text,
)

LOOP_FILTER = "_flowline_loop"
LITERAL_FILTER = "_flowline_literal"
CONCAT_FILTER = "_flowline_concat"

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?([-#0 +.*\d]*)")
_DIGITS = re.compile(r"\d+")


# ---------------------------------------------------------------- operators


def _is_sequence(value: Any) -> bool:
    return isinstance(value, (str, list, tuple))


def _check_int(value: Any) -> None:
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise LimitExceeded(f"an integer would be larger than {MAX_INT_BITS} bits")


def _check_percent_format(fmt: str, args: Any) -> None:
    """Refuse ``%`` formats whose width, precision or repetition could explode."""
    specs = 0
    for match in _PERCENT_SPEC.finditer(fmt):
        specs += 1
        flags = match.group(1)
        if "*" in flags:
            raise LimitExceeded("'*' width or precision is not allowed in formats")
        for digits in _DIGITS.findall(flags):
            if len(digits) > 6 or int(digits) > MAX_FORMAT_WIDTH:
                raise LimitExceeded(f"format width or precision above {MAX_FORMAT_WIDTH}")
    estimate = len(fmt) + specs * (measure(args) + MAX_FORMAT_WIDTH)
    if estimate > MAX_VALUE_CHARS:
        raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")


def percent_format(fmt: str, args: Any) -> str:
    """``fmt % args`` after checking it cannot blow up."""
    _check_percent_format(fmt, args)
    if isinstance(args, Mapping):
        args = {key: _format_argument(value) for key, value in args.items()}
    elif isinstance(args, tuple):
        args = tuple(_format_argument(value) for value in args)
    else:
        args = _format_argument(args)
    result = operator.mod(fmt, args)
    current_budget().charge(len(result))
    return str(result)


def _format_argument(value: Any) -> Any:
    """Numbers and text format as themselves; anything else as its JSON text."""
    if isinstance(value, (str, int, float)):
        return value
    return to_text(value)


def checked_binop(op: str, left: Any, right: Any) -> Any:
    """Apply an intercepted binary operator after checking the size of its result."""
    budget = current_budget()
    if op == "*":
        if _is_sequence(left) and isinstance(right, int):
            _check_repeat(left, right)
        elif _is_sequence(right) and isinstance(left, int):
            _check_repeat(right, left)
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() + right.bit_length() > MAX_INT_BITS
        ):
            raise LimitExceeded(f"an integer would be larger than {MAX_INT_BITS} bits")
        result = operator.mul(left, right)
    elif op == "+":
        if _is_sequence(left) and _is_sequence(right):
            size = measure(left) + measure(right)
            if size > MAX_VALUE_CHARS:
                raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
            budget.charge(size)
        result = operator.add(left, right)
    elif op == "**":
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and (abs(left).bit_length() - 1) * right > MAX_INT_BITS
        ):
            raise LimitExceeded(f"an integer would be larger than {MAX_INT_BITS} bits")
        result = operator.pow(left, right)
    elif op == "%":
        if isinstance(left, str):
            return percent_format(left, right)
        result = operator.mod(left, right)
    else:  # pragma: no cover - only the operators listed in intercepted_binops arrive
        raise SecurityError(f"operator {op!r} is not intercepted")
    _check_int(result)
    return result


def _check_repeat(sequence: Any, times: int) -> None:
    size = measure(sequence) * max(times, 0)
    if size > MAX_VALUE_CHARS:
        raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
    current_budget().charge(size)


# ---------------------------------------------------------------- filters and globals


def safe_range(*args: int) -> range:
    """``range`` capped at ``MAX_RANGE`` items."""
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise LimitExceeded(f"range() is limited to {MAX_RANGE} items")
    return result


def now() -> str:
    """The current UTC time, ISO 8601 with milliseconds and ``Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def loop_filter(iterable: Iterable[Any]) -> Iterator[Any]:
    """Wraps every ``for`` loop's iterable to count iterations against the budget."""
    budget = current_budget()
    for item in iterable:
        budget.tick()
        yield item


def literal_filter(value: Any) -> Any:
    """Wraps every list, tuple and dict literal to bound what it refers to."""
    measure(value)
    return value


def concat_filter(first: Any, *rest: Any) -> str:
    """The ``~`` operator, with a size check on the joined text."""
    parts = [to_text(first)]
    total = len(parts[0])
    for item in rest:
        text = to_text(item)
        total += len(text)
        if total > MAX_VALUE_CHARS:
            raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
        parts.append(text)
    current_budget().charge(total)
    return "".join(parts)


def tojson_filter(value: Any, indent: int | None = None) -> str:
    """Plain compact JSON (optionally indented), not HTML-escaped."""
    if indent is not None and not 0 <= indent <= MAX_JSON_INDENT:
        raise FilterArgumentError(f"tojson indent must be between 0 and {MAX_JSON_INDENT}")
    measure(value)
    text = dump_json(to_json_value(value), indent=indent)
    if len(text) > MAX_VALUE_CHARS:
        raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
    current_budget().charge(len(text))
    return text


def fromjson_filter(value: Any) -> Any:
    """Parse a JSON string into a value."""
    if not isinstance(value, str):
        raise FilterArgumentError(f"fromjson needs a string, not {type(value).__name__}")
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        # The decoder's own message quotes no input; keep only the position.
        raise ValueError(
            f"fromjson: invalid JSON at line {exc.lineno} column {exc.colno}"
        ) from None


def string_filter(value: Any) -> str:
    """Text form of a value, the same as ``{{ value }}`` prints."""
    text = to_text(value)
    current_budget().charge(len(text))
    return text


@pass_environment
def join_filter(
    environment: Environment,
    value: Iterable[Any],
    separator: str = "",
    attribute: str | int | None = None,
) -> str:
    """Join items as text, stopping as soon as the result would be too large."""
    if attribute is not None:
        getter = make_attrgetter(environment, attribute)
        value = (getter(item) for item in value)
    budget = current_budget()
    sep = to_text(separator)
    parts: list[str] = []
    total = 0
    for item in value:
        budget.tick()
        text = to_text(item)
        total += len(text) + (len(sep) if parts else 0)
        if total > MAX_VALUE_CHARS:
            raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
        parts.append(text)
    budget.charge(total)
    return sep.join(parts)


def replace_filter(value: Any, old: str, new: str, count: int | None = None) -> str:
    """``str.replace`` with the result size checked before it is built."""
    text, old, new = to_text(value), to_text(old), to_text(new)
    hits = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    size = len(text) + hits * (len(new) - len(old))
    if size > MAX_VALUE_CHARS:
        raise LimitExceeded(f"a value would be larger than {MAX_VALUE_CHARS} characters")
    current_budget().charge(size)
    return text.replace(old, new, -1 if count is None else count)


def format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    """``"%s, %s"|format(a, b)`` with the same checks as the ``%`` operator."""
    if args and kwargs:
        raise FilterArgumentError("can't handle positional and keyword arguments at the same time")
    return percent_format(to_text(value), kwargs or args)


def batch_filter(value: Iterable[Any], linecount: int, fill_with: Any = None) -> list[list[Any]]:
    """Jinja's ``batch`` with the batch size capped at ``MAX_RANGE``."""
    if not 1 <= linecount <= MAX_RANGE:
        raise FilterArgumentError(f"batch size must be between 1 and {MAX_RANGE}")
    result = list(do_batch(value, linecount, fill_with))
    measure(result)
    return result


def round_filter(value: float, precision: int = 0, method: str = "common") -> float:
    """Jinja's ``round`` with a bounded precision."""
    if abs(precision) > MAX_ROUND_PRECISION:
        raise FilterArgumentError(f"round precision must be within {MAX_ROUND_PRECISION}")
    if method not in {"common", "ceil", "floor"}:
        raise FilterArgumentError("method must be common, ceil or floor")
    if method == "common":
        return round(value, precision)
    func = math.ceil if method == "ceil" else math.floor
    return float(func(value * (10**precision)) / (10**precision))


@pass_environment
def sum_filter(
    environment: Environment,
    iterable: Iterable[Any],
    attribute: str | int | None = None,
    start: int | float = 0,
) -> int | float:
    """Sum of numbers (Jinja's ``sum`` would also concatenate lists, quadratically)."""
    getter: Callable[[Any], Any] = (
        make_attrgetter(environment, attribute) if attribute is not None else (lambda x: x)
    )
    budget = current_budget()
    total = start
    for item in iterable:
        budget.tick()
        number = getter(item)
        if not isinstance(number, (int, float)) or not isinstance(total, (int, float)):
            raise TypeError("sum adds numbers only")
        total += number
    return total
