"""Roles, scopes and what a principal may do (pure functions)."""

from __future__ import annotations

import itertools

import pytest

from flowline.auth.principal import Principal
from flowline.auth.scopes import AREAS, KNOWN_SCOPES, ROLE_RANK, ROLE_SCOPES, Role, grants


def _principal(role: Role, key_scopes: set[str] | None = None) -> Principal:
    return Principal(
        org_id="org_x",
        user_id="usr_x",
        role=role,
        key_scopes=frozenset(key_scopes) if key_scopes is not None else None,
    )


def test_write_implies_read_but_not_the_reverse() -> None:
    assert grants({"kv:write"}, "kv:read")
    assert grants({"kv:write"}, "kv:write")
    assert not grants({"kv:read"}, "kv:write")
    assert not grants({"kv:write"}, "secrets:read")


def test_special_scopes_imply_nothing_else() -> None:
    assert grants({"admin"}, "admin")
    assert not grants({"admin"}, "users:write")
    assert not grants({"agents:chat"}, "agents:read")
    assert not grants({"agents:write"}, "agents:chat")


def test_known_scopes_are_read_write_per_area_plus_specials() -> None:
    for area in AREAS:
        assert f"{area}:read" in KNOWN_SCOPES
        assert f"{area}:write" in KNOWN_SCOPES
    assert {"admin", "agents:chat"} <= KNOWN_SCOPES
    assert len(KNOWN_SCOPES) == 2 * len(AREAS) + 2


def test_viewer_reads_everything_and_writes_nothing() -> None:
    held = ROLE_SCOPES[Role.VIEWER]
    for area in AREAS:
        assert grants(held, f"{area}:read")
        assert not grants(held, f"{area}:write")
    assert not grants(held, "admin")
    assert not grants(held, "agents:chat")


def test_member_writes_work_but_not_people() -> None:
    held = ROLE_SCOPES[Role.MEMBER]
    for area in ("kv", "secrets", "flows", "runs", "agents", "knowledge"):
        assert grants(held, f"{area}:write")
    assert grants(held, "agents:chat")
    assert grants(held, "users:read")
    assert not grants(held, "users:write")
    assert not grants(held, "groups:write")
    assert not grants(held, "admin")


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OWNER])
def test_admins_and_owners_hold_every_scope(role: Role) -> None:
    assert ROLE_SCOPES[role] == KNOWN_SCOPES


def test_roles_rank_viewer_member_admin_owner() -> None:
    ranked = sorted(Role, key=lambda r: ROLE_RANK[r])
    assert ranked == [Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER]
    for low, high in itertools.pairwise(ranked):
        assert ROLE_SCOPES[low] <= ROLE_SCOPES[high]


def test_unscoped_principal_has_its_role() -> None:
    member = _principal(Role.MEMBER)
    assert member.allows("kv:write")
    assert not member.allows("users:write")


def test_key_scopes_narrow_the_role() -> None:
    owner_key = _principal(Role.OWNER, {"kv:read"})
    assert owner_key.allows("kv:read")
    assert not owner_key.allows("kv:write")
    assert not owner_key.allows("admin")


def test_key_scopes_never_widen_the_role() -> None:
    # A key made while its user was an admin keeps its scope list, but once the
    # user is a viewer the role caps it.
    demoted = _principal(Role.VIEWER, {"users:write", "kv:write"})
    assert not demoted.allows("users:write")
    assert not demoted.allows("kv:write")
    assert demoted.allows("kv:read")


def test_empty_key_scopes_allow_nothing() -> None:
    assert not _principal(Role.OWNER, set()).allows("kv:read")


def test_rate_key_is_the_key_or_else_the_user() -> None:
    assert _principal(Role.MEMBER).rate_key == "usr_x"
    keyed = Principal(org_id="o", user_id="u", role=Role.MEMBER, api_key_id="key_1")
    assert keyed.rate_key == "key_1"
