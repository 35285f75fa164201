"""``Database.transact``: a plain function of one connection, in one transaction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from flowline.db.models import Organization
from flowline.runtime import Runtime
from tests.factories import Factory

NAMES = sa.select(Organization.name).where(Organization.id == sa.bindparam("p_id"))


def _rename(conn: sa.Connection, org_id: str, name: str, fail: bool = False) -> str:
    conn.execute(sa.update(Organization).where(Organization.id == org_id).values(name=name))
    if fail:
        raise RuntimeError("undo")
    return str(conn.execute(NAMES, {"p_id": org_id}).scalar_one())


async def _name(runtime: Runtime, org_id: str) -> str:
    async with runtime.db.session() as session:
        return str((await session.execute(NAMES, {"p_id": org_id})).scalar_one())


async def test_a_function_commits_when_it_returns_and_rolls_back_when_it_raises(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    assert await runtime.db.transact(lambda conn: _rename(conn, org.id, "Renamed")) == "Renamed"
    assert await _name(runtime, org.id) == "Renamed"  # the ORM sessions see it at once
    with pytest.raises(RuntimeError, match="undo"):
        await runtime.db.transact(lambda conn: _rename(conn, org.id, "Lost", fail=True))
    assert await _name(runtime, org.id) == "Renamed"


async def test_it_works_again_after_the_database_is_disposed(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    await runtime.db.dispose()
    assert await runtime.db.transact(lambda conn: _rename(conn, org.id, "Again")) == "Again"
