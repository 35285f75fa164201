"""Settings: a user's overrides merged over the organisation's defaults, merged over
the platform's. Changes are JSON Merge Patches (RFC 7386): objects merge key by key,
``null`` removes a key (so the layer below shows through), anything else replaces.
Every merged view must meet ``SETTINGS_SCHEMA``; a change that breaks it changes nothing.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Any

import json_merge_patch  # type: ignore[import-untyped]
import jsonschema_rs
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.db.models import UserSettings
from flowline.db.models.user_settings import ORGANIZATION
from flowline.db.types import check_storable_json, utcnow
from flowline.errors import Conflict, Forbidden, ValidationFailed
from flowline.settings.repository import SettingsRepository
from flowline.settings.schemas import (
    MAX_SETTINGS_BYTES,
    PLATFORM_DEFAULTS,
    SETTINGS_SCHEMA,
    Scope,
)
from flowline.users.service import check_version

MAX_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class SettingsView:
    settings: dict[str, Any]
    overrides: dict[str, Any]
    scope: Scope
    version: int


@functools.cache
def _validator() -> Any:
    return jsonschema_rs.validator_for(SETTINGS_SCHEMA)


def merged(*layers: dict[str, Any]) -> dict[str, Any]:
    """The platform defaults with each layer applied as a merge patch, in order."""
    result: dict[str, Any] = copy.deepcopy(PLATFORM_DEFAULTS)
    for layer in layers:
        result = json_merge_patch.merge(result, copy.deepcopy(layer))
    return result


def _check(view: dict[str, Any]) -> None:
    problems = []
    for error in _validator().iter_errors(view):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        problems.append({"field": f"settings{path}", "problem": error.message})
        if len(problems) == MAX_PROBLEMS:
            break
    if problems:
        first = problems[0]
        raise ValidationFailed(f"{first['field']}: {first['problem']}", details=problems)


def _owner(principal: Principal, scope: Scope) -> str:
    if scope == "user":
        return principal.user_id
    if not principal.allows("admin"):
        raise Forbidden("Changing the organisation's settings needs the 'admin' scope.")
    return ORGANIZATION


async def _layers(repo: SettingsRepository, user_id: str) -> tuple[dict[str, Any], ...]:
    org = await repo.layer(ORGANIZATION)
    org_values = dict(org.values) if org else {}
    if user_id == ORGANIZATION:
        return (org_values,)
    user = await repo.layer(user_id)
    return (org_values, dict(user.values) if user else {})


async def get_settings(
    session: AsyncSession, principal: Principal, scope: Scope = "user"
) -> SettingsView:
    repo = SettingsRepository(session, principal.org_id)
    owner = principal.user_id if scope == "user" else ORGANIZATION
    layers = await _layers(repo, owner)
    row = await repo.layer(owner)
    return SettingsView(merged(*layers), layers[-1], scope, row.version if row else 0)


async def _row(repo: SettingsRepository, owner: str) -> UserSettings:
    row = await repo.layer(owner, lock=True)
    if row is None:
        now = utcnow()
        row = repo.add(
            UserSettings(user_id=owner, values={}, version=0, created_at=now, updated_at=now)
        )
    return row


async def _write(
    session: AsyncSession, principal: Principal, scope: Scope, new_values: dict[str, Any]
) -> SettingsView:
    """Store ``new_values`` as the layer, once the merged views it makes are valid."""
    repo = SettingsRepository(session, principal.org_id)
    owner = _owner(principal, scope)
    try:
        check_storable_json(new_values, MAX_SETTINGS_BYTES)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="settings") from None
    row = await _row(repo, owner)
    layers = await _layers(repo, owner)
    layers = (*layers[:-1], new_values)
    view = merged(*layers)
    _check(view)
    row.values = new_values
    row.version += 1
    row.updated_at = utcnow()
    try:
        await session.flush()
    except IntegrityError:  # another request made the layer at the same moment
        raise Conflict("The settings were changed at the same time; try again.") from None
    return SettingsView(view, new_values, scope, row.version)


async def patch_settings(
    session: AsyncSession,
    principal: Principal,
    patch: dict[str, Any],
    scope: Scope,
    if_match: int | None,
) -> SettingsView:
    """Apply ``patch`` (RFC 7386) to the caller's layer (or the organisation's)."""
    repo = SettingsRepository(session, principal.org_id)
    row = await repo.layer(_owner(principal, scope), lock=True)
    check_version(row.version if row else 0, if_match, "The settings")
    current = dict(row.values) if row else {}
    return await _write(session, principal, scope, json_merge_patch.merge(current, patch))


async def reset_settings(
    session: AsyncSession, principal: Principal, keys: list[str] | None, scope: Scope
) -> SettingsView:
    """Drop the layer's overrides (only ``keys`` when given): the defaults show again."""
    repo = SettingsRepository(session, principal.org_id)
    row = await repo.layer(_owner(principal, scope), lock=True)
    current = dict(row.values) if row else {}
    kept = {} if keys is None else {k: v for k, v in current.items() if k not in keys}
    return await _write(session, principal, scope, kept)


async def organization_defaults(session: AsyncSession, principal: Principal) -> dict[str, Any]:
    row = await SettingsRepository(session, principal.org_id).layer(ORGANIZATION)
    return dict(row.values) if row else {}
