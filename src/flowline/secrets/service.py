"""Secrets: credentials and other values kept encrypted, shown only as ``last4``.

A value leaves this module only through :func:`reveal`, which the engine uses
to make an outbound call and which registers the value with the redactor so
that it is masked wherever it might be written down afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import Secret
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.observability.redaction import redactor
from flowline.outbound.client import Credential
from flowline.secrets.crypto import SecretBox
from flowline.secrets.repository import SecretRepository
from flowline.secrets.schemas import SecretCreate, SecretKind, SecretUpdate, check_name
from flowline.users.service import check_version

# Below this length the last four characters would give away too much of the value.
MIN_LENGTH_FOR_LAST4 = 8
_HEADER_KINDS = frozenset({SecretKind.BEARER, SecretKind.API_KEY_HEADER, SecretKind.BASIC})


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a secret will look like after a create or an update, to check as a whole."""

    kind: SecretKind
    hosts: list[str]
    header: str | None
    param: str | None


def last4(value: str) -> str:
    return value[-4:] if len(value) >= MIN_LENGTH_FOR_LAST4 else ""


def _name_or_422(name: str) -> str:
    try:
        return check_name(name)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="name") from None


def _not_found(name: str) -> NotFound:
    return NotFound(f"Secret '{name}' not found.", code="SECRET_NOT_FOUND")


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"A secret named '{name}' already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


_ONLY_FOR = {"header": SecretKind.API_KEY_HEADER, "param": SecretKind.QUERY}


def _check_hosts(kind: SecretKind, hosts: list[str]) -> None:
    if kind != SecretKind.GENERIC and not hosts:
        raise ValidationFailed(
            f"at least one host is required for kind '{kind}': where may it be sent?",
            field="hosts",
        )


def _check_field(kind: SecretKind, field: str, value: str | None) -> None:
    """``header`` and ``param`` go with one kind each, and only with it."""
    owner = _ONLY_FOR[field]
    if kind == owner and not value:
        raise ValidationFailed(f"is required for kind '{owner}'", field=field)
    if kind != owner and value is not None:
        raise ValidationFailed(f"is only for kind '{owner}'", field=field)


def _check_shape(shape: _Shape) -> None:
    """Kind-specific rules for ``hosts``, ``header`` and ``param``."""
    _check_hosts(shape.kind, shape.hosts)
    _check_field(shape.kind, "header", shape.header)
    _check_field(shape.kind, "param", shape.param)


def _check_value(kind: SecretKind, value: str) -> None:
    """Kind-specific rules for the value. Messages never quote it."""
    if kind in _HEADER_KINDS and any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValidationFailed(
            f"must not contain line breaks or control characters for kind '{kind}'",
            field="value",
        )
    if kind == SecretKind.BEARER and value[:7].lower() == "bearer ":
        raise ValidationFailed(
            "give the token without the 'Bearer ' prefix; it is added when sent", field="value"
        )
    if kind == SecretKind.BASIC:
        user, colon, _ = value.partition(":")
        if not colon or not user:
            raise ValidationFailed("must be 'user:password' for kind 'basic'", field="value")


async def _flush_named(session: AsyncSession, name: str) -> None:
    """Flush, turning a concurrent writer's duplicate name into a 409."""
    try:
        await session.flush()
    except IntegrityError:
        raise _name_taken(name) from None


async def _secret(repo: SecretRepository, name: str, *, lock: bool = False) -> Secret:
    secret = await repo.by_name(_name_or_422(name), lock=lock)
    if secret is None:
        raise _not_found(name)
    return secret


async def list_secrets(
    session: AsyncSession, principal: Principal, page: PageRequest
) -> Page[Secret]:
    repo = SecretRepository(session, principal.org_id)
    return await repo.paginate(repo.select(), page)


async def get_secret(session: AsyncSession, principal: Principal, name: str) -> Secret:
    return await _secret(SecretRepository(session, principal.org_id), name)


async def create_secret(
    session: AsyncSession, principal: Principal, data: SecretCreate, box: SecretBox
) -> Secret:
    """Store a new secret, encrypted with ``box``."""
    _check_shape(_Shape(data.kind, data.hosts, data.header, data.param))
    _check_value(data.kind, data.value)
    repo = SecretRepository(session, principal.org_id)
    if await repo.name_taken(data.name):
        raise _name_taken(data.name)
    now = utcnow()
    secret = repo.add(
        Secret(
            id=new_id("sec"),
            name=data.name,
            kind=data.kind.value,
            ciphertext=box.encrypt(data.value),
            last4=last4(data.value),
            hosts=data.hosts,
            header=data.header,
            param=data.param,
            description=data.description,
            confirm=None if data.confirm is None else data.confirm.value,
            version=1,
            created_at=now,
            updated_at=now,
        )
    )
    await _flush_named(session, data.name)
    return secret


def _merged_shape(secret: Secret, data: SecretUpdate) -> _Shape:
    """The secret's shape once ``data`` is applied. A header or parameter that the new
    kind has no use for is dropped unless the caller set it explicitly."""
    given = data.model_fields_set
    kind = data.kind or SecretKind(secret.kind)
    header = data.header if "header" in given else secret.header
    param = data.param if "param" in given else secret.param
    if "header" not in given and kind != SecretKind.API_KEY_HEADER:
        header = None
    if "param" not in given and kind != SecretKind.QUERY:
        param = None
    hosts = data.hosts if data.hosts is not None else list(secret.hosts)
    return _Shape(kind, hosts, header, param)


def _check_body(data: SecretUpdate) -> None:
    """The kind's rules among the fields the body gives (422, as the schema states them)."""
    kind = data.kind
    if kind is None:
        return
    if data.hosts is not None:
        _check_hosts(kind, data.hosts)
    for field in _ONLY_FOR:
        if field in data.model_fields_set:
            _check_field(kind, field, getattr(data, field))
    if data.value is not None:
        _check_value(kind, data.value)


def _stored_fits(secret: Secret, data: SecretUpdate, box: SecretBox) -> _Shape:
    """The secret's shape once ``data`` is applied. A body that fits its own kind but not
    what is stored (a header for a stored ``bearer`` secret) is a 409 naming the field:
    the request is well formed, the stored secret is in the way."""
    shape = _merged_shape(secret, data)
    try:
        _check_shape(shape)
        if data.value is not None:
            _check_value(shape.kind, data.value)
        elif shape.kind != secret.kind:
            _check_value(shape.kind, box.decrypt(secret.ciphertext))
    except ValidationFailed as exc:
        (detail,) = exc.details or [{"field": "body", "problem": exc.message}]
        raise Conflict(
            f"Secret '{secret.name}' as stored does not fit the change: "
            f"{detail['field']} {detail['problem']}",
            details=[detail],
        ) from None
    return shape


async def update_secret(
    session: AsyncSession,
    principal: Principal,
    name: str,
    data: SecretUpdate,
    if_match: int | None,
    box: SecretBox,
) -> Secret:
    """Replace the value and/or metadata; ``If-Match``/``expected_version`` guard it."""
    changes = data.model_fields_set - {"expected_version"}
    if not changes:
        raise ValidationFailed(
            "give at least one of value, kind, hosts, header, param, description, confirm",
            field="body",
        )
    repo = SecretRepository(session, principal.org_id)
    secret = await _secret(repo, name, lock=True)
    check_version(secret.version, if_match, f"Secret '{name}'")
    check_version(secret.version, data.expected_version, f"Secret '{name}'")
    _check_body(data)
    shape = _stored_fits(secret, data, box)
    if data.value is not None:
        secret.ciphertext = box.encrypt(data.value)
        secret.last4 = last4(data.value)
    secret.kind = shape.kind.value
    secret.hosts = shape.hosts
    secret.header = shape.header
    secret.param = shape.param
    if data.description is not None:
        secret.description = data.description
    if "confirm" in changes:
        secret.confirm = None if data.confirm is None else data.confirm.value
    secret.version += 1
    await session.flush()
    return secret


async def delete_secret(
    session: AsyncSession, principal: Principal, name: str, if_match: int | None
) -> None:
    repo = SecretRepository(session, principal.org_id)
    secret = await _secret(repo, name, lock=True)
    check_version(secret.version, if_match, f"Secret '{name}'")
    await repo.delete(secret)
    await session.flush()


async def reveal(session: AsyncSession, org_id: str, name: str, box: SecretBox) -> str:
    """The plaintext of a secret, for the engine's outbound calls. Never sent over HTTP.

    The value is registered with the redactor first, so logs, events and errors
    written from here on show ``***`` in its place.
    """
    secret = await _secret(SecretRepository(session, org_id), name)
    value = box.decrypt(secret.ciphertext)
    redactor.add([value])
    return value


async def credential(
    session: AsyncSession, org_id: str, name: str, box: SecretBox
) -> Credential | None:
    """The named secret as the outbound client applies it, or ``None`` if there is none.

    Its value is registered with the redactor, as by :func:`reveal`.
    """
    secret = await SecretRepository(session, org_id).by_name(name)
    return None if secret is None else credential_of(secret, box)


def credential_of(secret: Any, box: SecretBox) -> Credential:
    """A secret (its model or a row of its table) as the outbound client applies it; its
    value is registered with the redactor, as by :func:`reveal`."""
    value = box.decrypt(secret.ciphertext)
    redactor.add([value])
    return Credential(
        name=secret.name,
        kind=secret.kind,
        value=value,
        hosts=tuple(secret.hosts),
        header=secret.header,
        param=secret.param,
    )


async def reveal_all(session: AsyncSession, org_id: str, box: SecretBox) -> list[str]:
    """Every secret's plaintext, only to mask them in what is shown (never sent over HTTP).

    Registered with the redactor, as :func:`reveal` does.
    """
    values = [
        box.decrypt(secret.ciphertext) for secret in await SecretRepository(session, org_id).all()
    ]
    redactor.add(values)
    return values


async def reencrypt(session: AsyncSession, org_id: str, box: SecretBox) -> int:
    """Re-encrypt every secret of the organisation under ``box``'s newest key.

    After a key rotation (new key first, old ones after it) this lets the old
    keys be retired. Returns how many secrets were rewritten.
    """
    secrets = await SecretRepository(session, org_id).all_for_update()
    for secret in secrets:
        secret.ciphertext = box.rotate(secret.ciphertext)
    await session.flush()
    return len(secrets)
