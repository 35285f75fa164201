"""Templates and expressions: how flow definitions compute values from a run.

A template is a string with ``{{ … }}``; a condition is a bare expression. Both
run in the sandbox of ``template_sandbox``. A template that is exactly one
``{{ expr }}`` keeps the JSON type of the value; mixed with text it renders to a
string. Every failure raises ``ExpressionError`` naming the expression and the
reason; no value from the context, and no secret, ever appears in the message.
"""

from __future__ import annotations

import builtins
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2.environment import Template, TemplateExpression
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from flowline.engine import template_limits as limits
from flowline.engine.template_sandbox import SandboxEnvironment
from flowline.errors import ExpressionError

COMPILE_CACHE_SIZE = 1024
"""Compiled templates and expressions kept (least recently used dropped first)."""
MAX_REASON_CHARS = 300

_ENV = SandboxEnvironment()
_WHOLE_VALUE = re.compile(r"\s*\{\{(?P<body>.*)\}\}\s*", re.DOTALL)
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
# Quoted words that describe types, not values: kept in error reasons.
_TYPE_NAMES = frozenset(
    {name for name, value in vars(builtins).items() if isinstance(value, type)}
    | {"NoneType", "None", "function", "builtin_function_or_method", "method", "generator"}
    | {"LoopContext", "Markup", "Namespace", "TemplateReference", "dict_items", "dict_keys"}
)
_NO_ITEM: Any = object()


# ---------------------------------------------------------------- context


@dataclass(frozen=True, slots=True, kw_only=True)
class RunInfo:
    """What templates see as ``run``."""

    id: str
    flow_id: str
    started_at: datetime | str
    trigger: Any = None

    def to_mapping(self) -> dict[str, Any]:
        """``run`` as templates see it; ``started_at`` in ISO 8601 UTC with ``Z``."""
        started = self.started_at
        if isinstance(started, datetime):
            if started.tzinfo is None:
                started = started.replace(tzinfo=UTC)
            started = started.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return {
            "id": self.id,
            "flow_id": self.flow_id,
            "started_at": started,
            "trigger": self.trigger,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StepState:
    """What templates see as ``steps.<node_id>``."""

    output: Any = None
    status: str | None = None
    error: Any = None

    def to_mapping(self) -> dict[str, Any]:
        """``steps.<node_id>`` as templates see it."""
        return {"output": self.output, "status": self.status, "error": self.error}


@dataclass(frozen=True, slots=True, kw_only=True)
class TemplateContext:
    """The names a template can use. ``item``/``index`` only inside a ``foreach`` child."""

    input: Any = None
    steps: Mapping[str, StepState | Mapping[str, Any]] = field(default_factory=dict)
    vars: Mapping[str, Any] = field(default_factory=dict)
    secrets: Mapping[str, Any] = field(default_factory=dict)
    run: RunInfo | None = None
    item: Any = _NO_ITEM
    index: int | None = None

    def to_mapping(self) -> dict[str, Any]:
        """The mapping ``render``/``evaluate`` take (``now()`` is always available)."""
        steps: dict[str, Any] = {}
        for node_id, step in self.steps.items():
            if isinstance(step, StepState):
                steps[node_id] = step.to_mapping()
            else:
                steps[node_id] = {
                    "output": step.get("output"),
                    "status": step.get("status"),
                    "error": step.get("error"),
                }
        mapping: dict[str, Any] = {
            "input": self.input,
            "steps": steps,
            "vars": dict(self.vars),
            "secrets": dict(self.secrets),
            "run": self.run.to_mapping() if self.run is not None else {},
        }
        if self.item is not _NO_ITEM:
            mapping["item"] = self.item
        if self.index is not None:
            mapping["index"] = self.index
        return mapping


def build_context(
    *,
    input: Any = None,
    steps: Mapping[str, StepState | Mapping[str, Any]] | None = None,
    vars: Mapping[str, Any] | None = None,
    secrets: Mapping[str, Any] | None = None,
    run: RunInfo | None = None,
    item: Any = _NO_ITEM,
    index: int | None = None,
) -> dict[str, Any]:
    """The template context for one step, as a plain mapping."""
    return TemplateContext(
        input=input,
        steps=steps or {},
        vars=vars or {},
        secrets=secrets or {},
        run=run,
        item=item,
        index=index,
    ).to_mapping()


# ---------------------------------------------------------------- compiling


@dataclass(frozen=True, slots=True)
class CompiledTemplate:
    """A compiled template: a whole-value expression, or text to render."""

    source: str
    expression: TemplateExpression | None = None
    template: Template | None = None


def compile_template(source: str) -> CompiledTemplate:
    """Compile (or fetch from the cache) a template string."""
    _check_source(source)
    return _compile_template(source)


def compile_expression(source: str) -> TemplateExpression:
    """Compile (or fetch from the cache) a bare expression."""
    _check_source(source)
    return _compile_expression(source)


def clear_cache() -> None:
    """Forget every compiled template and expression."""
    _compile_template.cache_clear()
    _compile_expression.cache_clear()


def _check_source(source: str) -> None:
    if not isinstance(source, str):
        raise ExpressionError(repr(source), "a template must be a string")
    if len(source) > limits.MAX_SOURCE_CHARS:
        raise ExpressionError(
            source, f"limit exceeded: longer than {limits.MAX_SOURCE_CHARS} characters"
        )


@functools.lru_cache(maxsize=COMPILE_CACHE_SIZE)
def _compile_template(source: str) -> CompiledTemplate:
    body = _whole_value_body(source)
    if body is not None:
        try:
            return CompiledTemplate(source, expression=_compile_expression(body))
        except ExpressionError as exc:
            reason = exc.reason
        raise ExpressionError(source, reason)
    try:
        template = _ENV.from_string(source)
    except Exception as exc:  # any compile failure is the template's fault
        reason = _describe(exc)
    else:
        return CompiledTemplate(source, template=template)
    raise ExpressionError(source, _clean(reason, source, ()))


@functools.lru_cache(maxsize=COMPILE_CACHE_SIZE)
def _compile_expression(source: str) -> TemplateExpression:
    if not source.strip():
        raise ExpressionError(source, "the expression is empty")
    try:
        return _ENV.compile_expression(source, undefined_to_none=False)
    except Exception as exc:
        reason = _describe(exc)
    raise ExpressionError(source, _clean(reason, source, ()))


def _whole_value_body(source: str) -> str | None:
    """The expression inside ``{{ … }}`` if that is all the template holds."""
    match = _WHOLE_VALUE.fullmatch(source)
    if match is None:
        return None
    try:
        tokens = [kind for _, kind, _ in _ENV.lex(source)]
    except Exception:
        return None  # let the full compile report the syntax error
    if tokens.count("variable_begin") != 1 or any(
        kind in {"block_begin", "comment_begin", "raw_begin"} for kind in tokens
    ):
        return None
    body = match.group("body")
    # Whitespace control markers belong to the delimiters, not the expression.
    if body[:1] in {"-", "+"}:
        body = body[1:]
    if body[-1:] == "-":
        body = body[:-1]
    return body.strip()


# ---------------------------------------------------------------- evaluating


def render(template: Any, context: Mapping[str, Any], *, node_id: str | None = None) -> Any:
    """Render a template value: strings are templates, dicts and lists are walked.

    Dict keys are left as they are; other JSON values come back unchanged.
    """
    token = limits.start_budget()
    try:
        return _render_value(template, context, node_id)
    finally:
        limits.end_budget(token)


def evaluate(expression: str, context: Mapping[str, Any], *, node_id: str | None = None) -> Any:
    """Evaluate a bare expression (``input.tier == 'vip'``) to a JSON value."""
    try:
        compiled = compile_expression(expression)
    except ExpressionError as exc:
        raise _with_node(exc, node_id) from None
    token = limits.start_budget()
    try:
        return _run(expression, context, node_id, lambda: compiled(context))
    finally:
        limits.end_budget(token)


def is_true(expression: str, context: Mapping[str, Any], *, node_id: str | None = None) -> bool:
    """Whether a condition holds (``false``, ``null``, ``0``, ``""``, ``[]``, ``{}`` do not)."""
    return bool(evaluate(expression, context, node_id=node_id))


def _render_value(value: Any, context: Mapping[str, Any], node_id: str | None) -> Any:
    if isinstance(value, str):
        return _render_string(value, context, node_id)
    if isinstance(value, Mapping):
        return {key: _render_value(item, context, node_id) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_render_value(item, context, node_id) for item in value]
    return value


def _render_string(source: str, context: Mapping[str, Any], node_id: str | None) -> Any:
    if "{" not in source:
        return source  # no delimiters: nothing to compile
    try:
        compiled = compile_template(source)
    except ExpressionError as exc:
        raise _with_node(exc, node_id) from None
    expression = compiled.expression
    if expression is not None:
        return _run(source, context, node_id, lambda: expression(context))
    template = compiled.template
    assert template is not None
    return _run(source, context, node_id, lambda: _stream(template, context), as_json=False)


def _with_node(error: ExpressionError, node_id: str | None) -> ExpressionError:
    if node_id is None:
        return error
    return ExpressionError(error.expression, error.reason, node_id=node_id)


def _stream(template: Template, context: Mapping[str, Any]) -> str:
    budget = limits.current_budget()
    parts: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > limits.MAX_OUTPUT_CHARS:
            raise limits.LimitExceeded(f"output longer than {limits.MAX_OUTPUT_CHARS} characters")
        parts.append(chunk)
        if len(parts) % 256 == 0:
            budget.check_time()
    return "".join(parts)


def _run(
    source: str,
    context: Mapping[str, Any],
    node_id: str | None,
    call: Any,
    *,
    as_json: bool = True,
) -> Any:
    try:
        result = call()
        return limits.to_json_value(result) if as_json else result
    except ExpressionError:
        raise
    except Exception as exc:  # every failure inside a template is the template's
        reason = _describe(exc)
    # Raised outside the handler so the original exception (whose text may hold
    # a value) is not chained to the error that travels on.
    secrets = _secret_values(context.get("secrets"))
    raise ExpressionError(_mask(source, secrets), _clean(reason, source, secrets), node_id=node_id)


# ---------------------------------------------------------------- error reasons


def _describe(exc: BaseException) -> str:
    if isinstance(exc, limits.LimitExceeded):
        return f"limit exceeded: {exc}"
    if isinstance(exc, SecurityError):
        return f"not allowed: {exc}"
    if isinstance(exc, TemplateSyntaxError):
        line = f" (line {exc.lineno})" if exc.lineno and exc.lineno > 1 else ""
        return f"syntax error: {exc.message}{line}"
    if isinstance(exc, UndefinedError):
        return str(exc.message)
    if isinstance(exc, RecursionError):
        return "limit exceeded: nested too deeply"
    if isinstance(exc, MemoryError):
        return "limit exceeded: out of memory"
    if isinstance(exc, KeyError):
        return "a key is missing"
    return f"{type(exc).__name__}: {exc}"


def _clean(reason: str, source: str, secrets: tuple[str, ...]) -> str:
    """Drop quoted text that is neither in the template nor a type name, then mask."""

    def keep_or_drop(match: re.Match[str]) -> str:
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted in source or quoted.removesuffix(" object") in _TYPE_NAMES:
            return match.group(0)
        return "'…'"

    cleaned = _mask(_QUOTED.sub(keep_or_drop, reason), secrets)
    if len(cleaned) > MAX_REASON_CHARS:
        cleaned = cleaned[:MAX_REASON_CHARS] + "…"
    return cleaned


def _secret_values(secrets: Any) -> tuple[str, ...]:
    """Every text a secret could show up as, longest first."""
    found: set[str] = set()
    stack = [secrets]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, str | int | float) and not isinstance(item, bool):
            text = str(item)
            if text:
                found.add(text)
    return tuple(sorted(found, key=len, reverse=True))


def _mask(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text
