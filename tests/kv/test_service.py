"""KV service and repository against the real database, without HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from flowline.auth.principal import Principal
from flowline.db.models import KvEntry
from flowline.db.repository import PageRequest
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.kv import service
from flowline.kv.repository import KvRepository, purge_expired_kv
from flowline.kv.schemas import KvSet
from flowline.runtime import Runtime
from tests.factories import Factory


async def _set(runtime: Runtime, principal: Principal, key: str, value: Any, **extra: Any) -> int:
    async with runtime.db.session(write=True) as session:
        entry = await service.set_entry(session, principal, KvSet(key=key, value=value, **extra))
        return entry.version


async def _get(runtime: Runtime, principal: Principal, key: str) -> KvEntry:
    async with runtime.db.session() as session:
        return await service.get_entry(session, principal, key)


async def _keys(runtime: Runtime, principal: Principal, prefix: str | None = None) -> list[str]:
    async with runtime.db.session() as session:
        page = await service.list_entries(session, principal, prefix, PageRequest(size=100))
        return [e.key for e in page.items]


async def _plant_expired(runtime: Runtime, org_id: str, key: str) -> None:
    """A key that expired a minute ago (without waiting for one to)."""
    past = utcnow() - timedelta(minutes=5)
    async with runtime.db.session(write=True) as session:
        await KvRepository(session, org_id).upsert(
            key, "old", past + timedelta(minutes=4), past, only_new=False
        )


async def test_set_and_get(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    assert await _set(runtime, p, "a", {"x": 1}) == 1
    assert await _set(runtime, p, "a", {"x": 2}) == 2
    entry = await _get(runtime, p, "a")
    assert (entry.value, entry.version, entry.expires_at) == ({"x": 2}, 2, None)
    assert entry.created_at <= entry.updated_at
    assert entry.created_at.tzinfo is not None


async def test_ttl_sets_expiry(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    before = utcnow()
    await _set(runtime, p, "t", 1, ttl_seconds=60)
    entry = await _get(runtime, p, "t")
    assert entry.expires_at is not None
    assert before + timedelta(seconds=59) <= entry.expires_at <= utcnow() + timedelta(seconds=60)


async def test_get_missing_raises_not_found(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    with pytest.raises(NotFound) as caught:
        await _get(runtime, p, "nope")
    assert caught.value.error_code == "KEY_NOT_FOUND"


async def test_bad_key_in_path_raises_validation(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    async with runtime.db.session() as session:
        with pytest.raises(ValidationFailed) as caught:
            await service.get_entry(session, p, "k" * 513)
    assert caught.value.details == [{"field": "key", "problem": "must be 1 to 512 characters"}]


async def test_expired_entries_are_absent(runtime: Runtime, factory: Factory) -> None:
    org = await factory.org()
    p = org.principal()
    await _plant_expired(runtime, org.id, "gone")
    await _set(runtime, p, "here", 1)

    with pytest.raises(NotFound):
        await _get(runtime, p, "gone")
    assert await _keys(runtime, p) == ["here"]
    async with runtime.db.session(write=True) as session:
        with pytest.raises(NotFound):
            await service.delete_entry(session, p, "gone", None)
    # Compare-and-set treats it as absent: 0 creates, N conflicts.
    with pytest.raises(Conflict):
        await _set(runtime, p, "gone", "new", expected_version=1)
    assert await _set(runtime, p, "gone", "new", expected_version=0) == 1


async def test_purge_removes_only_expired_rows(runtime: Runtime, factory: Factory) -> None:
    org = await factory.org()
    await _plant_expired(runtime, org.id, "old")
    await _set(runtime, org.principal(), "young", 1, ttl_seconds=3600)
    await _set(runtime, org.principal(), "forever", 1)
    async with runtime.db.session(write=True) as session:
        assert await purge_expired_kv(session, utcnow()) >= 1
    async with runtime.db.session() as session:
        rows = await session.execute(sa.select(KvEntry.key).where(KvEntry.org_id == org.id))
        assert sorted(rows.scalars()) == ["forever", "young"]


async def test_compare_and_set(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    assert await _set(runtime, p, "c", "a", expected_version=0) == 1
    with pytest.raises(Conflict) as caught:
        await _set(runtime, p, "c", "b", expected_version=0)
    assert caught.value.details is not None
    assert caught.value.details[0]["field"] == "expected_version"
    assert await _set(runtime, p, "c", "b", expected_version=1) == 2
    with pytest.raises(Conflict):
        await _set(runtime, p, "c", "stale", expected_version=1)
    assert (await _get(runtime, p, "c")).value == "b"


async def test_service_never_commits(runtime: Runtime, factory: Factory) -> None:
    """Writes become visible when the caller's session commits, not before."""
    p = (await factory.org()).principal()
    async with runtime.db.session(write=True) as session:
        await service.set_entry(session, p, KvSet(key="first", value=1))
        assert await _keys(runtime, p) == []
        with pytest.raises(Conflict):
            await service.set_entry(session, p, KvSet(key="second", value=1, expected_version=3))
    assert await _keys(runtime, p) == ["first"]


async def test_delete(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    await _set(runtime, p, "d", 1)
    await _set(runtime, p, "d", 2)
    async with runtime.db.session(write=True) as session:
        with pytest.raises(Conflict):
            await service.delete_entry(session, p, "d", 1)
    async with runtime.db.session(write=True) as session:
        await service.delete_entry(session, p, "d", 2)
    async with runtime.db.session(write=True) as session:
        with pytest.raises(NotFound):
            await service.delete_entry(session, p, "d", None)


async def test_prefix_is_literal(runtime: Runtime, factory: Factory) -> None:
    p = (await factory.org()).principal()
    for key in ("a%b", "aXb", "a_b", "a\\b", "A%b", "a"):
        await _set(runtime, p, key, 1)
    assert await _keys(runtime, p, "a%") == ["a%b"]
    assert await _keys(runtime, p, "a_") == ["a_b"]
    assert await _keys(runtime, p, "a\\") == ["a\\b"]
    assert await _keys(runtime, p, "A") == ["A%b"]
    assert await _keys(runtime, p, "a") == ["a", "a%b", "aXb", "a\\b", "a_b"]
    assert await _keys(runtime, p, None) == ["A%b", "a", "a%b", "aXb", "a\\b", "a_b"]


async def test_organisations_do_not_see_each_other(runtime: Runtime, factory: Factory) -> None:
    one, two = (await factory.org()).principal(), (await factory.org()).principal()
    await _set(runtime, one, "same", "one")
    await _set(runtime, two, "same", "two")
    assert (await _get(runtime, one, "same")).value == "one"
    assert (await _get(runtime, two, "same")).value == "two"
    async with runtime.db.session(write=True) as session:
        await service.delete_entry(session, one, "same", None)
    assert (await _get(runtime, two, "same")).value == "two"
