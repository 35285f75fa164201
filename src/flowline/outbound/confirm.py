"""Confirmation of outbound requests: ask a person first, then send exactly what they approved.

A request needs confirmation when the stricter of its node's ``confirm`` and its
credential's ``confirm`` says so (``never`` < ``writes`` < ``always``; ``writes``
is ``POST``/``PUT``/``PATCH``/``DELETE``). Then nothing is sent at first:

1. ``ask`` (the node's ``before_effect``, inside the engine's transaction)
   renders the request as it would be sent and *seals* it: every secret value
   in it becomes a reference (``{"$secret": "name"}``, or ``{"$text": [...]}``
   for a string with a secret inside), the credential stays a name. The
   approval shows the sealed request with references and sensitive fields
   masked (``***``) and ``request_hash``, the SHA-256 of the sealed request
   (``request_hash``). The sealed request itself is kept encrypted with the
   instance key in the waiting step's output, since it may hold non-secret
   but sensitive values (a ``Cookie`` from the run's input) in clear.
2. ``resume`` (``on_resume``): a denial fails the step with ``DENIED``; an
   approval, possibly with edited ``arguments`` (merged, checked, re-hashed and
   recorded in the approval), hands the sealed request to the effect phase.
3. ``approved`` (the effect phase, outside any transaction) recomputes the hash
   of what it is about to send and refuses with ``CONFIRMATION_MISMATCH``
   unless it is the hash the approval row records; then it fills the secret
   references in with their current values. The client applies the credential.

The hash is ``sha256(orjson.dumps(sealed, option=OPT_SORT_KEYS)).hexdigest()``
of ``{"method", "url", "headers", "query", "json", "body", "credential"}``:
compact JSON, keys sorted at every level, UTF-8, secrets as references. So it
never depends on a secret's value (rotating one between the question and the
answer changes nothing) and says nothing about it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from flowline.db.models import Approval, Secret
from flowline.engine import approvals
from flowline.engine.nodes.base import Outcome, StepFailed
from flowline.engine.redact import MIN_LENGTH, mask_sensitive
from flowline.ids import new_id
from flowline.observability.redaction import MASK
from flowline.outbound.client import Credential, OutboundRefused, OutboundRequest
from flowline.secrets.repository import SecretRepository
from flowline.secrets.schemas import ConfirmPolicy

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from flowline.engine.context import NodeContext

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
FLOW_DEFAULT = ConfirmPolicy.NEVER
"""A flow's ``http_request`` asks only when its node or its credential says so."""
_RANK = {ConfirmPolicy.NEVER: 0, ConfirmPolicy.WRITES: 1, ConfirmPolicy.ALWAYS: 2}

SECRET = "$secret"  # noqa: S105 - a marker key, not a password
TEXT = "$text"
LITERAL = "$literal"
_MARKERS = frozenset({SECRET, TEXT, LITERAL})
PARTS = ("method", "url", "headers", "query", "json", "body")
MAX_TITLE = 500

EDIT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "method": {"enum": list(METHODS)},
        "url": {"type": "string", "minLength": 1},
        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
        "query": {"type": "object"},
        "json": {},
        "body": {"type": ["string", "null"]},
        "credential": {"type": ["string", "null"]},
        "request_hash": {"type": "string"},
    },
    "additionalProperties": False,
}
"""What an approver's edited ``arguments`` may be: the shown request, or part of it."""


class Confirmable(Protocol):
    """The config of a node whose requests may need confirmation (``http_request``)."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def query(self) -> dict[str, Any]: ...
    @property
    def json_body(self) -> Any: ...
    @property
    def body(self) -> str | None: ...
    @property
    def credential(self) -> str | None: ...
    @property
    def idempotency_key(self) -> bool: ...
    @property
    def confirm(self) -> ConfirmPolicy | None: ...
    @property
    def confirm_assignees(self) -> list[str]: ...
    @property
    def confirm_group(self) -> str | None: ...


# ---------------------------------------------------------------- policies


def coerce_policy(value: Any) -> Any:
    """The old boolean ``confirm``: ``true`` is ``always``, ``false`` is ``never``."""
    if value is True:
        return ConfirmPolicy.ALWAYS.value
    if value is False:
        return ConfirmPolicy.NEVER.value
    return value


def effective_policy(
    node: ConfirmPolicy | None,
    credential: ConfirmPolicy | None,
    *,
    default: ConfirmPolicy = FLOW_DEFAULT,
) -> ConfirmPolicy:
    """The stricter of the node's policy (``default`` when it has none) and the
    credential's (``None``: no opinion). Agent tools pass ``default=WRITES``."""
    chosen = default if node is None else node
    if credential is not None and _RANK[credential] > _RANK[chosen]:
        return credential
    return chosen


def needs_confirmation(policy: ConfirmPolicy, method: str) -> bool:
    if policy == ConfirmPolicy.ALWAYS:
        return True
    return policy == ConfirmPolicy.WRITES and method.upper() in WRITE_METHODS


# ---------------------------------------------------------------- sealing


class Sealer:
    """Replaces secret values in data with references to the secrets' names.

    A dict that already has a marker key (``$secret``, ``$text``, ``$literal``)
    is wrapped as ``{"$literal": …}``, so data can never pass for a reference
    and be filled with a secret when sent.
    """

    def __init__(self, secrets: Mapping[str, Any]) -> None:
        by_value: dict[str, str] = {}
        for name, value in sorted(secrets.items()):
            if isinstance(value, str) and len(value) >= MIN_LENGTH:
                by_value.setdefault(value, name)
        ordered = sorted(by_value, key=len, reverse=True)
        self._names = by_value
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def text(self, value: str) -> Any:
        if self._pattern is None:
            return value
        parts: list[Any] = []
        at = 0
        for match in self._pattern.finditer(value):
            if match.start() > at:
                parts.append(value[at : match.start()])
            parts.append({SECRET: self._names[match.group()]})
            at = match.end()
        if not parts:
            return value
        if at < len(value):
            parts.append(value[at:])
        return parts[0] if len(parts) == 1 else {TEXT: parts}

    def data(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        if isinstance(value, dict):
            sealed = {k: self.data(v) for k, v in value.items()}
            return {LITERAL: sealed} if _MARKERS & set(sealed) else sealed
        return value


def _marker(value: Any, key: str) -> bool:
    return isinstance(value, dict) and len(value) == 1 and key in value


def _fill(value: Any, secret: Any) -> Any:
    """``value`` with each reference replaced by ``secret(name)``."""
    if isinstance(value, list):
        return [_fill(v, secret) for v in value]
    if not isinstance(value, dict):
        return value
    if _marker(value, SECRET):
        return secret(str(value[SECRET]))
    if _marker(value, TEXT) and isinstance(value[TEXT], list):
        return "".join(p if isinstance(p, str) else str(_fill(p, secret)) for p in value[TEXT])
    if _marker(value, LITERAL) and isinstance(value[LITERAL], dict):
        value = value[LITERAL]
    return {k: _fill(v, secret) for k, v in value.items()}


def unseal(value: Any, secrets: Mapping[str, Any]) -> Any:
    """The data as it is sent: references filled with the secrets' current values."""

    def secret(name: str) -> str:
        found = secrets.get(name)
        if not isinstance(found, str):
            raise StepFailed(
                "CREDENTIAL_NOT_FOUND", f"No secret named {name!r} to send.", retryable=False
            )
        return found

    return _fill(value, secret)


def shown(value: Any) -> Any:
    """The data as a person sees it: every reference ``***``."""
    return _fill(value, lambda _name: MASK)


def references(value: Any) -> set[str]:
    """Names of the secrets the data refers to."""
    found: set[str] = set()

    def secret(name: str) -> str:
        found.add(name)
        return ""

    _fill(value, secret)
    return found


def request_hash(sealed: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the sealed request: compact JSON, keys sorted at every level."""
    return hashlib.sha256(orjson.dumps(sealed, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _has_header(headers: Mapping[str, str], name: str) -> bool:
    return any(k.lower() == name.lower() for k in headers)


def render(ctx: NodeContext, config: Confirmable) -> dict[str, Any]:
    """The request the node would send now, in clear (the client adds ``User-Agent``
    and applies the credential)."""
    headers = {str(k): str(v) for k, v in ctx.render(config.headers).items()}
    json_body = ctx.render(config.json_body)
    if json_body is not None and not _has_header(headers, "Content-Type"):
        headers["Content-Type"] = "application/json"
    if config.idempotency_key and not _has_header(headers, "Idempotency-Key"):
        headers["Idempotency-Key"] = ctx.idempotency_key
    return {
        "method": config.method,
        "url": str(ctx.render(config.url)),
        "headers": headers,
        "query": ctx.render(config.query),
        "json": json_body,
        "body": None if config.body is None else str(ctx.render(config.body)),
        "credential": config.credential,
    }


def _template_secrets(ctx: NodeContext) -> Mapping[str, Any]:
    secrets = ctx.values.get("secrets")
    return secrets if isinstance(secrets, Mapping) else {}


def seal(request: Mapping[str, Any], secrets: Mapping[str, Any]) -> dict[str, Any]:
    sealer = Sealer(secrets)
    sealed = {part: sealer.data(request[part]) for part in PARTS if part != "method"}
    return {"method": request["method"], **sealed, "credential": request.get("credential")}


def show_request(sealed: Mapping[str, Any], secret: Secret | None) -> dict[str, Any]:
    """What the approver (and the step's input) sees: references and fields named like
    credentials ``***``, and the credential's own header or parameter, masked."""
    headers: dict[str, Any] = mask_sensitive(shown(sealed["headers"]))
    query: dict[str, Any] = mask_sensitive(shown(sealed["query"]))
    if secret is not None:
        if secret.kind in ("bearer", "basic"):
            headers["Authorization"] = MASK
        elif secret.kind == "api_key_header":
            headers[secret.header or "X-API-Key"] = MASK
        elif secret.kind == "query":
            query[secret.param or "api_key"] = MASK
    return {
        "method": sealed["method"],
        "url": mask_sensitive(shown(sealed["url"])),
        "headers": headers,
        "query": query,
        "json": mask_sensitive(shown(sealed["json"])),
        "body": mask_sensitive(shown(sealed["body"])),
        "credential": sealed.get("credential"),
    }


def _lock(ctx: NodeContext, sealed: Mapping[str, Any]) -> str:
    return ctx.runtime.secret_box.encrypt(orjson.dumps(sealed).decode())


def _mismatch(message: str) -> StepFailed:
    return StepFailed("CONFIRMATION_MISMATCH", message, retryable=False)


def _unlock(ctx: NodeContext, token: Any) -> dict[str, Any]:
    if not isinstance(token, str):
        raise _mismatch("The confirmed request is missing; nothing was sent.")
    try:
        sealed = orjson.loads(ctx.runtime.secret_box.decrypt(token))
    except ValueError:
        raise _mismatch("The confirmed request cannot be read; nothing was sent.") from None
    if not isinstance(sealed, dict) or set(sealed) != {*PARTS, "credential"}:
        raise _mismatch("The confirmed request is not a request; nothing was sent.")
    return sealed


# ---------------------------------------------------------------- asking


async def _secret(session: AsyncSession, org_id: str, name: str | None) -> Secret | None:
    if name is None:
        return None
    secret = await SecretRepository(session, org_id).by_name(name)
    if secret is None:
        raise StepFailed(
            "CREDENTIAL_NOT_FOUND", f"No secret named {name!r} to send.", retryable=False
        )
    return secret


def _policy_of(secret: Secret | None) -> ConfirmPolicy | None:
    return None if secret is None or secret.confirm is None else ConfirmPolicy(secret.confirm)


async def _who(ctx: NodeContext, config: Confirmable) -> tuple[list[str], str | None]:
    """Who may answer: ``confirm_assignees``/``confirm_group``; else the run's creator;
    else nobody listed (owners and admins may answer any approval)."""
    org_id = ctx.run.org_id
    ids = list(dict.fromkeys(str(ctx.render(a)) for a in config.confirm_assignees))
    unknown = set(ids) - await approvals.known_users(ctx.db, org_id, ids)
    if unknown:
        raise StepFailed(
            "APPROVAL_ASSIGNEE_NOT_FOUND",
            f"Not users of this organisation: {', '.join(sorted(unknown)[:10])}.",
            retryable=False,
        )
    group_id = None
    if config.confirm_group is not None:
        ref = str(ctx.render(config.confirm_group))
        group_id = await approvals.resolve_group(ctx.db, org_id, ref)
        if group_id is None:
            raise StepFailed(
                "APPROVAL_GROUP_NOT_FOUND",
                f"No group {ref!r} in this organisation.",
                retryable=False,
            )
    if ids or group_id is not None:
        return ids, group_id
    creator = ctx.run.created_by_id
    if creator is not None and await approvals.known_users(ctx.db, org_id, [creator]):
        return [creator], None
    return [], None


async def ask(ctx: NodeContext, config: Confirmable) -> Outcome | None:
    """``before_effect``: ``None`` to send at once, or wait for a person's approval."""
    secret = await _secret(ctx.db, ctx.run.org_id, config.credential)
    policy = effective_policy(config.confirm, _policy_of(secret))
    if not needs_confirmation(policy, config.method):
        return None
    sealed = seal(render(ctx, config), _template_secrets(ctx))
    digest = request_hash(sealed)
    request = show_request(sealed, secret)
    assignees, group_id = await _who(ctx, config)
    approval = await approvals.create(
        ctx.db,
        Approval(
            id=new_id("apr"),
            org_id=ctx.run.org_id,
            kind="flow",
            run_id=ctx.run.id,
            step_id=ctx.step.id,
            node_id=ctx.node.id,
            flow_id=ctx.run.flow_id,
            title=f"Send {request['method']} {request['url']}?"[:MAX_TITLE],
            description=(
                f"Node {ctx.node.id!r} sends this request only once it is approved. "
                "Approve with `arguments` to send an edited one."
            ),
            assignees=assignees,
            group_id=group_id,
            payload={**request, "request_hash": digest},
            payload_schema=EDIT_SCHEMA,
            status="pending",
            on_timeout="expired",
            created_at=ctx.now,
        ),
    )
    approvals.requested_event(ctx.db, ctx.run, approval)
    ctx.step.input = request
    return Outcome.wait(
        output={
            "approval_id": approval.id,
            "status": "pending",
            "request_hash": digest,
            "request_sealed": _lock(ctx, sealed),
        }
    )


# ---------------------------------------------------------------- the answer


def _invalid(message: str) -> StepFailed:
    return StepFailed("CONFIRMATION_INVALID", message, retryable=False)


def _holds_mask(value: Any) -> bool:
    if isinstance(value, str):
        return MASK in value
    if isinstance(value, dict):
        return any(_holds_mask(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_mask(v) for v in value)
    return False


def _restore(before: Any, sealed: Any, edited: Any, sealer: Sealer, where: str) -> Any:
    """The sealed form of an edited value: what the approver left as shown keeps its
    sealed original (references, masked values); what they changed is taken as given."""
    if edited == before:
        return sealed
    inner = sealed[LITERAL] if _marker(sealed, LITERAL) else sealed
    if isinstance(edited, dict) and isinstance(before, dict) and isinstance(inner, dict):
        merged: dict[str, Any] = {}
        for key, value in edited.items():
            if key in before and key in inner:
                merged[key] = _restore(before[key], inner[key], value, sealer, f"{where}.{key}")
            elif key in before and value == before[key]:
                continue  # shown only (the credential's header): applied when sent
            else:
                merged[key] = sealer.data(value)
        return {LITERAL: merged} if _MARKERS & set(merged) else merged
    if (
        isinstance(edited, list)
        and isinstance(before, list)
        and isinstance(sealed, list)
        and len(edited) == len(before) == len(sealed)
    ):
        return [
            _restore(b, s, e, sealer, f"{where}[{i}]")
            for i, (b, s, e) in enumerate(zip(before, sealed, edited, strict=True))
        ]
    if _holds_mask(before) and _holds_mask(edited):
        raise _invalid(
            f"The edited `{where}` still holds `***` where the value shown was changed: "
            "keep a masked value exactly as shown, or replace it whole. Nothing was sent."
        )
    return sealer.data(edited)


def _target(ctx: NodeContext, url: str) -> tuple[str, str, int]:
    try:
        target = ctx.runtime.outbound.policy.check_url(url)
    except OutboundRefused as exc:
        raise _invalid(f"The edited request is refused: {exc.message}") from None
    return target.scheme, target.host, target.port


def apply_edit(
    ctx: NodeContext, sealed: dict[str, Any], approval: Approval, secret: Secret | None
) -> dict[str, Any]:
    """The approver's edited ``arguments`` merged into the sealed request and checked:
    same shape, same credential, a URL the network policy and the credential's hosts
    allow, and no secret sent to another origin than the one shown."""
    edited = approval.arguments
    before = approval.payload
    if not isinstance(edited, dict) or not isinstance(before, dict):
        raise _invalid("The edited arguments must be the request shown, as an object.")
    if "credential" in edited and edited["credential"] != sealed["credential"]:
        raise _invalid("The credential of a confirmed request cannot be changed.")
    sealer = Sealer(_template_secrets(ctx))
    merged = dict(sealed)
    for part in PARTS:
        if part in edited:
            merged[part] = _restore(before.get(part), sealed[part], edited[part], sealer, part)
    if merged["method"] not in METHODS:
        raise _invalid(f"`method` must be one of {', '.join(METHODS)}.")
    if merged["json"] is not None and merged["body"] is not None:
        raise _invalid("Give `json` or `body`, not both.")
    secrets = _template_secrets(ctx)
    url = unseal(merged["url"], secrets)
    headers = unseal(merged["headers"], secrets)
    if not isinstance(url, str) or not isinstance(headers, dict):
        raise _invalid("`url` must be a string and `headers` an object of strings.")
    if not all(isinstance(v, str) for v in headers.values()):
        raise _invalid("`headers` must be an object of strings.")
    if not isinstance(unseal(merged["query"], secrets), dict):
        raise _invalid("`query` must be an object.")
    target = _target(ctx, url)
    if secret is not None and not _credential_view(secret).allows(target[1]):
        raise _invalid(f"Credential {secret.name!r} is not bound to host {target[1]!r}.")
    if references(merged) and target != _target(ctx, unseal(sealed["url"], secrets)):
        raise _invalid("A request that carries secrets cannot be sent to another origin.")
    return merged


def _credential_view(secret: Secret) -> Credential:
    """The credential's binding, without its value (only ``allows`` is asked)."""
    return Credential(name=secret.name, kind=secret.kind, value="", hosts=tuple(secret.hosts))


async def resume(ctx: NodeContext, config: Confirmable, data: dict[str, Any]) -> Outcome:
    """``on_resume``: approved, run the (possibly edited) request; denied, fail ``DENIED``."""
    decision = data.get("outcome")
    output = data.get("output") if isinstance(data.get("output"), dict) else {}
    assert isinstance(output, dict)
    waiting = ctx.step.output if isinstance(ctx.step.output, dict) else {}
    approval_id = str(output.get("approval_id") or waiting.get("approval_id"))
    if decision == "denied":
        decided_by = output.get("decided_by") or {}
        who = decided_by.get("name") or decided_by.get("id") or "The approver"
        asked = show_request(_unlock(ctx, waiting.get("request_sealed")), None)
        raise StepFailed(
            "DENIED",
            f"{who} denied {asked['method']} {asked['url']}; nothing was sent.",
            retryable=False,
            details={"approval_id": approval_id, "comment": output.get("comment")},
        )
    if decision != "approved":
        raise StepFailed(
            "CONFIRMATION_EXPIRED",
            f"The request was not confirmed ({decision}); nothing was sent.",
            retryable=False,
            details={"approval_id": approval_id},
        )
    sealed = _unlock(ctx, waiting.get("request_sealed"))
    approval = await approvals.get(ctx.db, ctx.run.org_id, approval_id)
    if approval is None or approval.step_id != ctx.step.id:
        raise _mismatch("The approval of this request is gone; nothing was sent.")
    if approval.arguments is not None:
        secret = await _secret(ctx.db, ctx.run.org_id, sealed["credential"])
        sealed = apply_edit(ctx, sealed, approval, secret)
        digest = request_hash(sealed)
        recorded = {**show_request(sealed, secret), "request_hash": digest}
        await approvals.record_arguments(ctx.db, ctx.run.org_id, approval.id, recorded)
    else:
        digest = request_hash(sealed)
    return Outcome.run_effect(
        {"approval_id": approval.id, "request_hash": digest, "request_sealed": _lock(ctx, sealed)}
    )


def approved_hash(approval: Approval | None, step_id: str) -> str | None:
    """The hash the approval binds: of the edited request if there was an edit."""
    if approval is None or approval.status != "approved" or approval.step_id != step_id:
        return None
    decided = approval.arguments if approval.arguments is not None else approval.payload
    found = decided.get("request_hash") if isinstance(decided, dict) else None
    return found if isinstance(found, str) else None


async def approved(ctx: NodeContext, request: OutboundRequest) -> OutboundRequest:
    """The effect phase of a confirmed step: ``request`` with exactly the approved
    method, URL, headers, query and body, once the hash of what is about to be sent
    is the one the approval records (``CONFIRMATION_MISMATCH`` otherwise)."""
    effect = ctx.effect or {}
    sealed = _unlock(ctx, effect.get("request_sealed"))
    digest = request_hash(sealed)
    async with ctx.runtime.db.session() as session:
        approval = await approvals.get(session, ctx.run.org_id, str(effect.get("approval_id")))
        secret = await _secret(session, ctx.run.org_id, sealed["credential"])
    bound = approved_hash(approval, ctx.step.id)
    if bound is None or digest != bound or effect.get("request_hash") != bound:
        raise _mismatch(
            "The request about to be sent is not the one approved (its hash differs); "
            "nothing was sent."
        )
    name = None if request.credential is None else request.credential.name
    if name != sealed["credential"]:
        raise _mismatch("The request's credential is not the one approved; nothing was sent.")
    plain = unseal(sealed, _template_secrets(ctx))
    ctx.step.input = {**show_request(sealed, secret), "request_hash": digest}
    return replace(
        request,
        method=plain["method"],
        url=plain["url"],
        headers=plain["headers"],
        query=plain["query"],
        json_body=plain["json"],
        body=plain["body"],
    )
