"""A value of any JSON Schema, made from a text: the echo model's structured answer.

The same schema and text give the same value. Strings are the text where the
schema allows it (cut to ``maxLength``), else the text in snake_case, else the
shortest string the ``pattern`` matches (:func:`regex_example`); a ``format``
gets a fixed example of it (for ``uri``, a URL in the text with a real host). Numbers are 0
or the nearest value the bounds and ``multipleOf`` allow; objects have their
required properties (and more up to ``minProperties``); arrays their
``minItems``, distinct under ``uniqueItems``; ``const`` and ``enum`` are taken
as they are, ``default`` and ``examples`` when they fit; ``anyOf``/``oneOf``
take the first branch whose value fits the whole schema; ``allOf`` is merged;
local ``$ref`` s are followed. Every candidate is checked against the schema
(``jsonschema_rs``), so a value that comes back fits, unless the schema cannot
be met by these rules (a contradiction, a look-ahead in a pattern).
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import jsonschema_rs
import orjson

MAX_DEPTH = 24
MAX_VARIANTS = 32
"""How many different values are tried for one position of a ``uniqueItems`` array."""
_URL = re.compile(r"https?://[^\s\"'<>]+")
_FORMATS = {
    "date-time": "1970-01-01T00:00:00Z",
    "date": "1970-01-01",
    "time": "00:00:00Z",
    "duration": "P1D",
    "email": "echo@example.com",
    "idn-email": "echo@example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "json-pointer": "/echo",
    "relative-json-pointer": "0",
    "regex": ".*",
    "uri-template": "https://example.com/{echo}",
}
_URI_FORMATS = {"uri", "uri-reference", "iri", "iri-reference", "url"}
_LOWER = {"minimum", "minLength", "minItems", "minProperties", "exclusiveMinimum"}
_UPPER = {"maximum", "maxLength", "maxItems", "maxProperties", "exclusiveMaximum"}
_sre: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser
_C: Any = importlib.import_module("re._constants")


def instance(schema: Any, text: str) -> Any:
    """A value of ``schema`` made from ``text`` (see the module)."""
    maker = _Maker(schema)
    first = maker.make(schema, text, 0, 0)
    if maker.fits(schema, first):
        return first
    for other in ("echo", ""):
        value = maker.make(schema, other, 0, 0)
        if maker.fits(schema, value):
            return value
    return first


def fits(schema: Any, value: Any) -> bool:
    """``value`` is valid under ``schema`` (a schema that does not compile: ``True``)."""
    return _Maker(schema).fits(schema, value)


@functools.lru_cache(maxsize=256)
def _validator(schema_json: bytes) -> Any:
    try:
        return jsonschema_rs.validator_for(orjson.loads(schema_json))
    except (ValueError, jsonschema_rs.ValidationError):
        return None


class _Maker:
    def __init__(self, root: Any) -> None:
        self.root = root
        defs = {}
        if isinstance(root, dict):
            defs = {k: root[k] for k in ("$defs", "definitions") if k in root}
        self.defs = defs

    # -- checking ------------------------------------------------------------------

    def fits(self, schema: Any, value: Any) -> bool:
        """``value`` is valid under ``schema`` (with the root's definitions for its refs)."""
        if isinstance(schema, dict) and schema is not self.root:
            schema = {**self.defs, **schema}
        try:
            validator = _validator(orjson.dumps(schema, option=orjson.OPT_SORT_KEYS))
        except TypeError:
            return True
        if validator is None:
            return True  # a schema we cannot compile: the final check will say
        return bool(validator.is_valid(value))

    def resolve(self, schema: Any, depth: int) -> Any:
        """``schema`` with a local ``$ref`` followed (its siblings kept)."""
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and depth < 8:
            target = self._pointer(schema["$ref"])
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **siblings} if isinstance(target, dict) else target
            depth += 1
        return schema

    def _pointer(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return {}
        node = self.root
        for raw in ref[1:].split("/")[1:]:
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return {}
        return node

    # -- making --------------------------------------------------------------------

    def make(self, schema: Any, text: str, depth: int, variant: int) -> Any:
        schema = self.resolve(schema, 0)
        if schema is True or schema == {}:
            return text
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            return None if schema is False else text
        if "const" in schema:
            return schema["const"]
        listed = schema.get("enum")
        if isinstance(listed, list) and listed:
            fitting = [v for v in listed if self.fits(schema, v)] or listed
            return fitting[variant % len(fitting)]
        if variant == 0:
            for key in ("default", "examples"):
                value = schema.get(key)
                candidates = value if key == "examples" and isinstance(value, list) else [value]
                for candidate in candidates if key in schema else ():
                    if self.fits(schema, candidate):
                        return candidate
        if isinstance(schema.get("allOf"), list):
            return self.make(self._merged(schema, depth), text, depth + 1, variant)
        for key in ("anyOf", "oneOf"):
            branches = schema.get(key)
            if isinstance(branches, list) and branches:
                return self._branch(schema, key, branches, text, depth, variant)
        return self._typed(schema, text, depth, variant)

    def _merged(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for branch in schema["allOf"]:
            branch = self.resolve(branch, 0)
            if isinstance(branch, dict) and isinstance(branch.get("allOf"), list):
                branch = self._merged(branch, depth + 1)
            for key, value in branch.items() if isinstance(branch, dict) else ():
                merged[key] = _merge_keyword(key, merged.get(key), value)
        return merged

    def _branch(
        self,
        schema: dict[str, Any],
        key: str,
        branches: list[Any],
        text: str,
        depth: int,
        variant: int,
    ) -> Any:
        rest = {k: v for k, v in schema.items() if k != key}
        first: Any = None
        for index, branch in enumerate(branches):
            branch = self.resolve(branch, 0)
            combined = {**rest, "allOf": [branch]} if isinstance(branch, dict) else branch
            value = self.make(combined, text, depth + 1, variant)
            if index == 0:
                first = value
            if self.fits(schema, value):
                return value
        return first

    def _typed(self, schema: dict[str, Any], text: str, depth: int, variant: int) -> Any:
        kinds = schema.get("type")
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, list) or not kinds:
            kinds = [_implied_type(schema)]
        kinds = sorted(kinds, key=lambda k: k == "null")  # null last: say something
        value: Any = None
        for kind in kinds:
            value = self._of_type(str(kind), schema, text, depth, variant)
            if len(kinds) == 1 or self.fits(schema, value):
                return value
        return value

    def _of_type(self, kind: str, schema: dict[str, Any], text: str, depth: int, n: int) -> Any:
        if kind == "object":
            return self._object(schema, text, depth)
        if kind == "array":
            return self._array(schema, text, depth)
        if kind in ("integer", "number"):
            return _number(schema, kind == "integer", n)
        if kind == "boolean":
            return n % 2 == 1
        if kind == "null":
            return None
        return _string(schema, text, n)

    def _object(self, schema: dict[str, Any], text: str, depth: int) -> dict[str, Any]:
        properties = schema.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        additional = schema.get("additionalProperties", True)
        if not properties and not schema.get("required") and not schema.get("minProperties"):
            if additional is False or schema.get("patternProperties") or "propertyNames" in schema:
                return {}
            echo = (
                self.make(additional, text, depth + 1, 0) if isinstance(additional, dict) else text
            )
            return {"echo": echo}
        names = [n for n in schema.get("required") or [] if isinstance(n, str)]
        dependent = schema.get("dependentRequired")
        if isinstance(dependent, dict):
            for name in list(names):
                names += [d for d in dependent.get(name) or [] if isinstance(d, str)]
        least = schema.get("minProperties")
        if isinstance(least, int):
            names += [n for n in properties if n not in names][: max(0, least - len(names))]
            extra = 0
            while len(dict.fromkeys(names)) < least and additional is not False and extra < least:
                names.append(f"echo_{extra}" if extra else "echo")
                extra += 1
        value: dict[str, Any] = {}
        for name in dict.fromkeys(names):
            value[name] = self.make(self._property(schema, name), text, depth + 1, 0)
        return value

    def _property(self, schema: dict[str, Any], name: str) -> Any:
        properties = schema.get("properties") or {}
        if isinstance(properties, dict) and name in properties:
            return properties[name]
        for pattern, sub in (schema.get("patternProperties") or {}).items():
            if _search(pattern, name):
                return sub
        additional = schema.get("additionalProperties", True)
        return additional if isinstance(additional, dict) else {}

    def _array(self, schema: dict[str, Any], text: str, depth: int) -> list[Any]:
        prefix = schema.get("prefixItems")
        items = schema.get("items")
        if isinstance(items, list):  # draft 4 to 7: a tuple
            prefix, items = items, schema.get("additionalItems", {})
        prefix = prefix if isinstance(prefix, list) else []
        least = schema.get("minItems")
        count = least if isinstance(least, int) and least > 0 else 0
        contains = schema.get("contains")
        at_least = schema.get("minContains", 1)
        if contains is not None and isinstance(at_least, int):
            count = max(count, at_least)
        most = schema.get("maxItems")
        if isinstance(most, int):
            count = min(count, most)
        unique = schema.get("uniqueItems") is True
        value: list[Any] = []
        for index in range(count):
            if index < len(prefix):
                sub = prefix[index]
            elif contains is not None and isinstance(at_least, int) and index < at_least:
                sub = {"allOf": [items, contains]} if isinstance(items, dict) else contains
            else:
                sub = items if items is not None else {}
            value.append(self._item(sub, text, depth, value if unique else None))
        return value

    def _item(self, sub: Any, text: str, depth: int, taken: list[Any] | None) -> Any:
        first = self.make(sub, text, depth + 1, 0)
        if taken is None or first not in taken:
            return first
        for variant in range(1, MAX_VARIANTS):
            value = self.make(sub, text, depth + 1, variant)
            if value not in taken:
                return value
        return first


def _merge_keyword(key: str, mine: Any, theirs: Any) -> Any:
    if mine is None:
        return theirs
    if key == "properties" and isinstance(mine, dict) and isinstance(theirs, dict):
        return {**mine, **theirs}
    if key == "required" and isinstance(mine, list) and isinstance(theirs, list):
        return list(dict.fromkeys([*mine, *theirs]))
    if key in _LOWER and _is_number(mine) and _is_number(theirs):
        return max(mine, theirs)
    if key in _UPPER and _is_number(mine) and _is_number(theirs):
        return min(mine, theirs)
    if key == "type":
        mine_set = {mine} if isinstance(mine, str) else set(mine)
        theirs_set = {theirs} if isinstance(theirs, str) else set(theirs)
        both = mine_set & theirs_set
        if "number" in mine_set | theirs_set and "integer" in mine_set | theirs_set:
            both.add("integer")
        return sorted(both) or mine
    return mine


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _implied_type(schema: dict[str, Any]) -> str:
    if {"properties", "required", "additionalProperties", "minProperties"} & schema.keys():
        return "object"
    if {"items", "prefixItems", "minItems", "contains"} & schema.keys():
        return "array"
    if {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"} & schema.keys():
        return "number"
    return "string"


# -- numbers -------------------------------------------------------------------------


def _number(schema: dict[str, Any], integer: bool, variant: int) -> int | float:
    low, low_open = _bound(schema, "minimum", "exclusiveMinimum")
    high, high_open = _bound(schema, "maximum", "exclusiveMaximum")
    raw_step = schema.get("multipleOf")
    step = Decimal(str(raw_step)) if _is_number(raw_step) else None
    step = step if step is not None and step > 0 else None
    if integer:  # a whole multiple of the step (of 1 without one)
        step = step * _denominator(step) if step is not None else Decimal(1)

    def within(value: Decimal) -> bool:
        above = low is None or value > low or (value == low and not low_open)
        below = high is None or value < high or (value == high and not high_open)
        return above and below

    candidates = [Decimal(0)]
    if low is not None:
        first = _grid(low, step, up=True)
        if low_open and first == low:
            first += step if step is not None else _gap(low, high)
        candidates.append(first)
    if high is not None:
        last = _grid(high, step, up=False)
        if high_open and last == high:
            last -= step if step is not None else _gap(low, high)
        candidates.append(last)
    value = next((c for c in candidates if within(c)), candidates[-1])
    for _ in range(variant):  # the next values up, then down, for distinct array items
        moved = value + (step or Decimal(1))
        if not within(moved):
            break
        value = moved
    if integer or value == value.to_integral_value():
        return int(value)
    return float(value)


def _gap(low: Decimal | None, high: Decimal | None) -> Decimal:
    """How far inside an open bound a number without ``multipleOf`` goes."""
    if low is not None and high is not None:
        return min(Decimal(1), (high - low) / 2)
    return Decimal(1)


def _grid(value: Decimal, step: Decimal | None, *, up: bool) -> Decimal:
    if step is None:
        return value
    turns = value / step
    return step * (math.ceil(turns) if up else math.floor(turns))


def _bound(schema: dict[str, Any], closed: str, open_: str) -> tuple[Decimal | None, bool]:
    exclusive = schema.get(open_)
    if _is_number(exclusive):
        return Decimal(str(exclusive)), True
    value = schema.get(closed)
    if _is_number(value):
        return Decimal(str(value)), exclusive is True  # draft 4: a boolean beside it
    return None, False


def _denominator(step: Decimal) -> int:
    exponent = step.as_tuple().exponent
    scale = 10 ** -int(exponent) if isinstance(exponent, int) and exponent < 0 else 1
    return scale // math.gcd(int(step * scale), scale)


# -- strings -------------------------------------------------------------------------


def _string(schema: dict[str, Any], text: str, variant: int) -> str:
    least, most = schema.get("minLength"), schema.get("maxLength")
    low = least if isinstance(least, int) else 0
    high = most if isinstance(most, int) else None
    pattern = schema.get("pattern") if isinstance(schema.get("pattern"), str) else None
    for candidate in _string_candidates(schema, text, variant):
        sized = _sized(candidate, low, high)
        if pattern is None or _search(pattern, sized):
            return sized
    if pattern is not None:
        for extra in range(0, max(low, 1) + 1):
            made = regex_example(pattern, extra)
            if made is not None and low <= len(made) and (high is None or len(made) <= high):
                return made
    return _sized(text, low, high)


def _string_candidates(schema: dict[str, Any], text: str, variant: int) -> Iterator[str]:
    form = schema.get("format")
    if form in _URI_FORMATS:
        yield next(_urls(text), "https://example.com/")
    elif isinstance(form, str) and form in _FORMATS:
        yield _FORMATS[form]
    if variant:  # a distinct value for a uniqueItems array, within maxLength
        suffix = f"_{variant}"
        most = schema.get("maxLength")
        if not isinstance(most, int):
            yield text + suffix
        elif most >= len(suffix):
            yield text[: most - len(suffix)] + suffix
        else:
            yield str(variant)[-most:] if most > 0 else ""
    yield text
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    most = schema.get("maxLength")
    yield slug[:most].rstrip("_") if isinstance(most, int) else slug
    yield "echo" + (f"_{variant}" if variant else "")


def _urls(text: str) -> Iterator[str]:
    """The URLs in ``text`` whose host is a host (not a ``{placeholder}``)."""
    for found in _URL.finditer(text):
        url = found.group(0).rstrip(".,;:)")
        try:
            host = urlsplit(url).hostname
        except ValueError:
            continue
        if host and "{" not in host and "}" not in host:
            yield url


def _sized(value: str, low: int, high: int | None) -> str:
    if high is not None and len(value) > high:
        value = value[:high]
    if len(value) < low:
        value = value + "x" * (low - len(value))
    return value


def _search(pattern: str, value: str) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error:
        return False


def regex_example(pattern: str, extra: int = 0) -> str | None:
    """A short string ``pattern`` matches (searched, as JSON Schema does): each repeat at
    its least (plus ``extra`` where it may), the first of each choice and class; ``None``
    when the pattern does not parse or what is made does not match (a look-around)."""
    try:
        parsed = _sre.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    groups: dict[int, str] = {}
    try:
        made = _emit(list(parsed), extra, groups)
    except _Unmakeable:
        return None
    return made if _search(pattern, made) else None


class _Unmakeable(Exception):
    pass


_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": "-",
}
_PREFERRED = "a0A_-x .:/@"


def _emit(items: list[Any], extra: int, groups: dict[int, str]) -> str:
    out: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append(next(c for c in _PREFERRED if ord(c) != arg))
        elif name == "ANY":
            out.append("x")
        elif name == "IN":
            out.append(_in_class(arg))
        elif name == "CATEGORY":
            out.append(_CATEGORY_CHARS.get(str(arg), "a"))
        elif name == "BRANCH":
            out.append(_emit(list(arg[1][0]), extra, groups))
        elif name == "SUBPATTERN":
            group, _, _, sub = arg
            made = _emit(list(sub), extra, groups)
            if group is not None:
                groups[group] = made
            out.append(made)
        elif name == "ATOMIC_GROUP":
            out.append(_emit(list(arg), extra, groups))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            times = low + extra if high is _C.MAXREPEAT or high >= low + extra else high
            out.append("".join(_emit(list(sub), extra, groups) for _ in range(min(times, 64))))
        elif name == "GROUPREF":
            out.append(groups.get(arg, ""))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # anchors hold for what is made; look-arounds are checked after
        else:
            raise _Unmakeable(name)
    return "".join(out)


def _in_class(members: list[Any]) -> str:
    negated = bool(members) and str(members[0][0]) == "NEGATE"
    allowed: list[str] = []
    refused: set[str] = set()
    for op, arg in members[1:] if negated else members:
        name = str(op)
        chars = (
            chr(arg)
            if name == "LITERAL"
            else chr(arg[0])
            if name == "RANGE"
            else _CATEGORY_CHARS.get(str(arg), "")
            if name == "CATEGORY"
            else ""
        )
        if name == "RANGE":
            refused |= {c for c in _PREFERRED if arg[0] <= ord(c) <= arg[1]}
        elif chars:
            refused.add(chars)
        allowed.append(chars)
    if not negated:
        if not any(allowed):
            raise _Unmakeable("class")
        return next(c for c in allowed if c)
    for c in _PREFERRED:
        if c not in refused and not any(
            str(op) == "CATEGORY" and re.fullmatch(_category_regex(str(arg)), c)
            for op, arg in members[1:]
        ):
            return c
    raise _Unmakeable("class")


def _category_regex(name: str) -> str:
    return {
        "CATEGORY_DIGIT": r"\d",
        "CATEGORY_NOT_DIGIT": r"\D",
        "CATEGORY_SPACE": r"\s",
        "CATEGORY_NOT_SPACE": r"\S",
        "CATEGORY_WORD": r"\w",
        "CATEGORY_NOT_WORD": r"\W",
    }.get(name, r"(?!)")
