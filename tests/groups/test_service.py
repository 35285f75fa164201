from __future__ import annotations

import pytest

from flowline.db.repository import PageRequest
from flowline.errors import Conflict, MissingReference, NotFound
from flowline.groups import service
from flowline.groups.schemas import GroupCreate, GroupUpdate
from flowline.runtime import Runtime
from tests.factories import Factory


async def test_add_members_is_all_or_nothing(factory: Factory, runtime: Runtime) -> None:
    org, other = await factory.org(), await factory.org()
    mine = await factory.member(org)
    principal = org.principal()
    async with runtime.db.session(write=True) as session:
        group = await service.create_group(session, principal, GroupCreate(name="Ops"))
    async with runtime.db.session(write=True) as session:
        with pytest.raises(MissingReference) as caught:
            await service.add_members(
                session, principal, group.id, [mine.user_id, other.owner.user_id]
            )
    assert caught.value.details is not None
    assert caught.value.details[0]["field"] == "user_ids"
    async with runtime.db.session() as session:
        assert (await service.get_group(session, principal, group.id)).member_count == 0


async def test_add_members_twice_is_a_no_op(factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()
    user = await factory.member(org)
    principal = org.principal()
    async with runtime.db.session(write=True) as session:
        group = await service.create_group(
            session, principal, GroupCreate(name="Ops", member_ids=[user.user_id])
        )
        again = await service.add_members(session, principal, group.id, [user.user_id])
    assert again.member_count == 1
    async with runtime.db.session() as session:
        page = await service.list_members(session, principal, group.id, PageRequest())
    assert [m.id for m in page.items] == [user.user_id]
    assert page.items[0].email == user.email


async def test_unknown_message_lists_at_most_ten(factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()
    ids = [f"usr_missing{i:02d}" for i in range(12)]
    async with runtime.db.session(write=True) as session:
        with pytest.raises(MissingReference) as caught:
            await service.create_group(
                session, org.principal(), GroupCreate(name="Ops", member_ids=ids)
            )
    message = caught.value.message
    assert "usr_missing09" in message
    assert "usr_missing10" not in message
    assert message.endswith("and 2 more")


async def test_update_checks_both_versions(factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()
    principal = org.principal()
    async with runtime.db.session(write=True) as session:
        group = await service.create_group(session, principal, GroupCreate(name="Ops"))
    change = GroupUpdate(name="Renamed", expected_version=1)
    async with runtime.db.session(write=True) as session:
        with pytest.raises(Conflict):
            await service.update_group(session, principal, group.id, change, 2)
    async with runtime.db.session(write=True) as session:
        updated = await service.update_group(session, principal, group.id, change, 1)
    assert (updated.name, updated.version) == ("Renamed", 2)


async def test_other_org_cannot_see_the_group(factory: Factory, runtime: Runtime) -> None:
    org, other = await factory.org(), await factory.org()
    async with runtime.db.session(write=True) as session:
        group = await service.create_group(session, org.principal(), GroupCreate(name="Ops"))
    async with runtime.db.session(write=True) as session:
        with pytest.raises(NotFound):
            await service.get_group(session, other.principal(), group.id)
        with pytest.raises(NotFound):
            await service.delete_group(session, other.principal(), group.id, None)
