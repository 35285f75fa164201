"""The organisation's KV store: versioned JSON values with optional expiry."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import KvEntry
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.kv.repository import KvRepository
from flowline.kv.schemas import KvSet, check_key


def _key_or_422(key: str, field: str = "key") -> str:
    try:
        return check_key(key)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field=field) from None


def _not_found(key: str) -> NotFound:
    return NotFound(f"Key '{key}' not found.", code="KEY_NOT_FOUND")


def _version_conflict(key: str, expected: int) -> Conflict:
    wanted = "not to exist" if expected == 0 else f"to be at version {expected}"
    return Conflict(
        f"Key '{key}' was expected {wanted}; it is not.",
        details=[{"field": "expected_version", "problem": "does not match the stored version"}],
    )


async def get_entry(session: AsyncSession, principal: Principal, key: str) -> KvEntry:
    entry = await KvRepository(session, principal.org_id).get_live(_key_or_422(key), utcnow())
    if entry is None:
        raise _not_found(key)
    return entry


async def list_entries(
    session: AsyncSession, principal: Principal, prefix: str | None, page: PageRequest
) -> Page[KvEntry]:
    if prefix:
        _key_or_422(prefix, field="prefix")
    repo = KvRepository(session, principal.org_id)
    return await repo.paginate(repo.live(utcnow(), prefix), page, order_by=KvEntry.key)


async def set_entry(session: AsyncSession, principal: Principal, data: KvSet) -> KvEntry:
    """Write a key; ``expected_version`` makes it a compare-and-set."""
    repo = KvRepository(session, principal.org_id)
    now = utcnow()
    expires_at = now + timedelta(seconds=data.ttl_seconds) if data.ttl_seconds else None
    expected = data.expected_version
    if expected is None:
        entry = await repo.upsert(data.key, data.value, expires_at, now, only_new=False)
    elif expected == 0:
        entry = await repo.upsert(data.key, data.value, expires_at, now, only_new=True)
    else:
        entry = await repo.update_version(data.key, data.value, expires_at, now, expected)
    if entry is None:
        raise _version_conflict(data.key, expected or 0)
    return entry


async def delete_entry(
    session: AsyncSession, principal: Principal, key: str, expected: int | None
) -> None:
    repo = KvRepository(session, principal.org_id)
    now = utcnow()
    if await repo.delete_key(_key_or_422(key), now, expected):
        return
    if expected is not None and await repo.get_live(key, now) is not None:
        raise _version_conflict(key, expected)
    raise _not_found(key)
