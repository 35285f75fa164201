"""Roles, scopes, and who may do what.

A scope is ``<area>:read`` or ``<area>:write`` (write implies read), or one of
the special scopes ``admin`` (usage, budgets, organisation settings) and
``agents:chat``. A role grants a set of scopes; an API key may narrow its
creator's role further with an explicit scope list, never widen it.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"
    VIEWER = "viewer"


AREAS = (
    "users",
    "groups",
    "kv",
    "secrets",
    "flows",
    "runs",
    "approvals",
    "schedules",
    "channels",
    "agents",
    "knowledge",
    "skills",
    "memory",
)
SPECIAL = ("admin", "agents:chat")
KNOWN_SCOPES: frozenset[str] = frozenset(
    [f"{area}:{action}" for area in AREAS for action in ("read", "write")] + list(SPECIAL)
)

_READ = frozenset(f"{area}:read" for area in AREAS)
_MEMBER_WRITES = frozenset(f"{area}:write" for area in AREAS if area not in {"users", "groups"}) | {
    "agents:chat"
}

ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.VIEWER: _READ,
    Role.MEMBER: _READ | _MEMBER_WRITES,
    Role.ADMIN: KNOWN_SCOPES,
    Role.OWNER: KNOWN_SCOPES,
}

ROLE_RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}


def grants(held: frozenset[str] | set[str], wanted: str) -> bool:
    """Whether ``held`` covers ``wanted``; ``x:write`` covers ``x:read``."""
    if wanted in held:
        return True
    if wanted.endswith(":read"):
        return wanted.removesuffix(":read") + ":write" in held
    return False
