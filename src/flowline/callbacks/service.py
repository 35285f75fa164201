"""The keys callbacks are signed with: one per organisation, made on first need.

A chat with a ``callback_url`` needs no set-up: the first delivery of an
organisation makes its key (random, encrypted like every secret). An admin sees
its value once (``reveal``) or gets a new one (``rotate``), which is shown once
too; the key it replaces keeps signing beside it for the overlap window, so
that a receiver can switch keys without refusing a delivery. During the
overlap ``Flowline-Signature`` carries one ``v1=`` per key
(``flowline.signatures``).

An organisation that made the secret ``callback_signing_key`` by hand before
this existed keeps it: its first need takes that value as the first key.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.callbacks.repository import SigningKeyRepository
from flowline.callbacks.schemas import SigningKeyRead, SigningKeyState
from flowline.db.models import CallbackSigningKey
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound
from flowline.ids import new_id
from flowline.observability.redaction import redactor
from flowline.runtime import Runtime
from flowline.secrets.crypto import SecretBox
from flowline.secrets.repository import SecretRepository

KEY_PREFIX = "whsec_"
LEGACY_SECRET = "callback_signing_key"  # noqa: S105 - a secret's name
"""The secret admins had to create before keys were made on first need."""


@dataclass(frozen=True, slots=True)
class Revealed:
    row: CallbackSigningKey
    key: str


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def read(row: CallbackSigningKey) -> SigningKeyRead:
    return SigningKeyRead(
        id=row.id,
        last4=row.last4,
        created_at=row.created_at,
        revealed=row.revealed_at is not None,
        retires_at=row.retires_at,
    )


async def signing_keys(session: AsyncSession, box: SecretBox, org_id: str) -> list[str]:
    """The values that sign a delivery now, the current key's first; ``[]`` before the
    first need."""
    rows = await SigningKeyRepository(session, org_id).signing(utcnow())
    values = [box.decrypt(row.ciphertext) for row in rows]
    redactor.add(values)
    return values


async def ensure_key(session: AsyncSession, box: SecretBox, org_id: str) -> None:
    """Make the organisation's first key, unless it has one (also when two race)."""
    keys = SigningKeyRepository(session, org_id)
    if await keys.current() is not None:
        return
    legacy = await SecretRepository(session, org_id).by_name(LEGACY_SECRET)
    value = box.decrypt(legacy.ciphertext) if legacy is not None else new_key()
    try:
        async with session.begin_nested():
            keys.add(_row(box, value))
    except IntegrityError:
        pass  # another transaction made it first; that one is the key


async def keys_for_delivery(runtime: Runtime, org_id: str) -> list[str]:
    """The signing values, the first key made if this is the organisation's first need."""
    async with runtime.db.session() as session:
        values = await signing_keys(session, runtime.secret_box, org_id)
    if values:
        return values
    async with runtime.db.session(write=True) as session:
        await ensure_key(session, runtime.secret_box, org_id)
    async with runtime.db.session() as session:
        return await signing_keys(session, runtime.secret_box, org_id)


async def state(session: AsyncSession, org_id: str) -> SigningKeyState:
    rows = await SigningKeyRepository(session, org_id).signing(utcnow())
    current = next((read(r) for r in rows if r.retires_at is None), None)
    return SigningKeyState(
        current=current, overlapping=[read(r) for r in rows if r.retires_at is not None]
    )


async def rotate(
    session: AsyncSession, box: SecretBox, org_id: str, overlap_hours: int
) -> Revealed:
    """A new current key, shown once; the old one signs ``overlap_hours`` more."""
    keys = SigningKeyRepository(session, org_id)
    now = utcnow()
    old = await keys.current(lock=True)
    await keys.retire_overlapping(now)
    if old is not None:
        old.retires_at = now + timedelta(hours=overlap_hours)
        await session.flush()  # the old key leaves "current" before the new one enters
    value = new_key()
    row = keys.add(_row(box, value, revealed=True))
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict("The signing key is being rotated by another request.") from None
    redactor.add([value])
    return Revealed(row, value)


async def reveal(session: AsyncSession, box: SecretBox, org_id: str) -> Revealed:
    """The current key's value, made now if there is none; once per key."""
    await ensure_key(session, box, org_id)
    row = await SigningKeyRepository(session, org_id).current(lock=True)
    if row is None:  # pragma: no cover - ensure_key made it or saw it
        raise NotFound("No callback signing key.", code="SIGNING_KEY_NOT_FOUND")
    if row.revealed_at is not None:
        raise Conflict(
            "This signing key was already shown once; rotate it to get a new one "
            "(POST /api/v1/callbacks/signing-key/rotate)."
        )
    row.revealed_at = utcnow()
    value = box.decrypt(row.ciphertext)
    redactor.add([value])
    return Revealed(row, value)


def _row(box: SecretBox, value: str, *, revealed: bool = False) -> CallbackSigningKey:
    return CallbackSigningKey(
        id=new_id("csk"),
        ciphertext=box.encrypt(value),
        last4=value[-4:],
        created_at=utcnow(),
        revealed_at=utcnow() if revealed else None,
    )
