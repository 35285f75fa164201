"""The sandbox under templates and expressions: environment, limits, safe filters.

``templates.py`` is the public door; this module holds the machinery that keeps
untrusted template text from reaching Python internals or exhausting the worker.
The defences, outermost first:

- the tree is checked before code is generated: nesting depth, and no macros,
  call blocks, recursive loops, block capture, inheritance or includes (each a
  way to recurse or to buffer output where the size check cannot see it);
- every ``for`` loop and every container literal is wrapped so iterations are
  counted and built values are measured;
- attributes are a short allow-list per type (dict keys always win over methods);
- ``*``, ``+``, ``**``, ``%`` and ``~`` check the size of what they would build
  before building it; so do the filters that can grow a value;
- a per-render budget caps loop iterations, the characters built and wall time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from flowline.engine.template_filters import (
    CONCAT_FILTER,
    LITERAL_FILTER,
    LOOP_FILTER,
    batch_filter,
    checked_binop,
    concat_filter,
    format_filter,
    fromjson_filter,
    join_filter,
    literal_filter,
    loop_filter,
    now,
    replace_filter,
    round_filter,
    safe_range,
    string_filter,
    sum_filter,
    tojson_filter,
)
from flowline.engine.template_limits import MAX_NESTING_DEPTH, LimitExceeded, to_text

_STR_METHODS = frozenset(
    [
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "index",
        "isalnum",
        "isalpha",
        "isascii",
        "isdecimal",
        "isdigit",
        "islower",
        "isnumeric",
        "isspace",
        "istitle",
        "isupper",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "rfind",
        "rindex",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    ]
)
_SEQUENCE_METHODS = frozenset({"count", "index"})
_DICT_METHODS = frozenset({"get", "items", "keys", "values"})
_LOOP_ATTRIBUTES = frozenset(
    [
        "changed",
        "cycle",
        "depth",
        "depth0",
        "first",
        "index",
        "index0",
        "last",
        "length",
        "nextitem",
        "previtem",
        "revindex",
        "revindex0",
    ]
)
_BANNED_NODES: dict[type[nodes.Node], str] = {
    nodes.Macro: "macros are not available",
    nodes.CallBlock: "call blocks are not available",
    nodes.AssignBlock: "block assignments ({% set %}…{% endset %}) are not available",
    nodes.FilterBlock: "filter blocks are not available",
    nodes.Block: "blocks are not available",
    nodes.Extends: "extends is not available",
    nodes.Include: "include is not available",
    nodes.Import: "import is not available",
    nodes.FromImport: "import is not available",
}
# Filters that can grow a value without bound or print Python internals.
_REMOVED_FILTERS = ("center", "indent", "pprint", "slice", "wordwrap")
# A %-conversion: optional mapping key, then flags, width and precision.
# ---------------------------------------------------------------- tree guard


def _check_depth(tree: nodes.Node) -> None:
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING_DEPTH:
            raise LimitExceeded(f"nested more than {MAX_NESTING_DEPTH} levels deep")
        for kind, reason in _BANNED_NODES.items():
            if isinstance(node, kind):
                raise SecurityError(reason)
        if isinstance(node, nodes.For) and node.recursive:
            raise SecurityError("recursive loops are not available")
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())


def _wrap(node: nodes.Node, name: str, args: list[nodes.Expr] | None = None) -> nodes.Filter:
    return nodes.Filter(node, name, args or [], [], None, None, lineno=node.lineno)


class _Guard(NodeTransformer):
    """Routes loops, literals and ``~`` through the counting filters."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _wrap(node.iter, LOOP_FILTER)
        return node

    def visit_List(self, node: nodes.List) -> nodes.Node:
        self.generic_visit(node)
        return _wrap(node, LITERAL_FILTER)

    def visit_Dict(self, node: nodes.Dict) -> nodes.Node:
        self.generic_visit(node)
        return _wrap(node, LITERAL_FILTER)

    def visit_Tuple(self, node: nodes.Tuple) -> nodes.Node:
        self.generic_visit(node)
        if node.ctx != "load":
            return node
        return _wrap(node, LITERAL_FILTER)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        first, *rest = node.nodes
        return _wrap(first, CONCAT_FILTER, rest)


def guard_tree(tree: nodes.Template) -> nodes.Template:
    """Validate a parsed template and route it through the counting filters."""
    _check_depth(tree)
    guarded = _Guard().visit(tree)
    assert isinstance(guarded, nodes.Template)
    return guarded


# ---------------------------------------------------------------- environment


class SandboxEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with Flowline's allow-lists, limits and filters."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=False,
            finalize=to_text,
            auto_reload=False,
            cache_size=0,  # Flowline caches compiled templates itself
        )
        for name in ("lipsum", "cycler", "joiner", "namespace", "dict"):
            self.globals.pop(name, None)
        self.globals["range"] = safe_range
        self.globals["now"] = now
        for name in _REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters.update(
            {
                LOOP_FILTER: loop_filter,
                LITERAL_FILTER: literal_filter,
                CONCAT_FILTER: concat_filter,
                "tojson": tojson_filter,
                "fromjson": fromjson_filter,
                "string": string_filter,
                "join": join_filter,
                "replace": replace_filter,
                "format": format_filter,
                "batch": batch_filter,
                "round": round_filter,
                "sum": sum_filter,
            }
        )

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Every tree (templates and ``compile_expression`` alike) passes the guard."""
        if isinstance(source, str):
            source = self.parse(source, name, filename)
        tree = guard_tree(source)
        if raw:
            return super().compile(tree, name, filename, True, defer_init)
        return super().compile(tree, name, filename, False, defer_init)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Only the allow-listed attributes of the types templates can reach."""
        if attr.startswith("_"):
            return False
        if isinstance(obj, str):
            return attr in _STR_METHODS
        if isinstance(obj, (list, tuple)):
            return attr in _SEQUENCE_METHODS
        if isinstance(obj, Mapping):
            return attr in _DICT_METHODS
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        return False

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """Refuse at once instead of returning an undefined that fails later."""
        raise SecurityError(
            f"attribute {attribute!r} of a {type(obj).__name__} value is not available"
        )

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``a.b``: dict keys first, then allow-listed attributes, else refuse."""
        if isinstance(obj, Mapping) and not isinstance(obj, Undefined):
            try:
                return obj[attribute]
            except (KeyError, TypeError):
                pass
            if attribute.startswith("__"):
                return self.unsafe_undefined(obj, attribute)
            if attribute in _DICT_METHODS:
                return getattr(obj, attribute)
            return self.undefined(obj=obj, name=attribute)
        if attribute.startswith("_"):
            return self.unsafe_undefined(obj, attribute)
        if isinstance(obj, Undefined):
            return getattr(obj, attribute)  # raises the original "is undefined" error
        if not isinstance(obj, (str, list, tuple, LoopContext)):
            return self.unsafe_undefined(obj, attribute)
        if not hasattr(type(obj), attribute) and not isinstance(obj, LoopContext):
            return self.undefined(obj=obj, name=attribute)
        value = getattr(obj, attribute)
        if not self.is_safe_attribute(obj, attribute, value):
            return self.unsafe_undefined(obj, attribute)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        """``a[b]``: items of dicts, lists and strings; string keys fall back to ``getattr``."""
        if isinstance(obj, (Mapping, list, tuple, str, range, Undefined)):
            try:
                return obj[argument]
            except (TypeError, LookupError):
                pass
        if isinstance(argument, str):
            return self.getattr(obj, argument)
        return self.undefined(obj=obj, name=argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Size-checked ``*``, ``+``, ``**`` and ``%``."""
        return checked_binop(operator, left, right)
