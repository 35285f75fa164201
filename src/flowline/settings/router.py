from __future__ import annotations

import copy
from typing import Annotated, Any

from fastapi import Body, Query

from flowline.api.concurrency import IfMatch
from flowline.api.deps import CurrentPrincipal, SessionDep
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.settings import service
from flowline.settings.schemas import (
    PLATFORM_DEFAULTS,
    SETTINGS_PATCH_SCHEMA,
    SETTINGS_SCHEMA,
    Scope,
    SettingsDefaults,
    SettingsRead,
    SettingsReset,
)
from flowline.settings.service import SettingsView

router = make_router("/api/v1/settings", "Settings")

ScopeParam = Annotated[
    Scope,
    Query(
        description=(
            "`user` (default): the caller's own settings; `organization`: the organisation's "
            "defaults under every user's (changing them needs `admin`)."
        )
    ),
]


def _read(view: SettingsView) -> SettingsRead:
    return SettingsRead(
        settings=view.settings, overrides=view.overrides, scope=view.scope, version=view.version
    )


@router.get(
    "",
    summary="Get merged settings",
    description=(
        "The platform's defaults, the organisation's over them, the user's over those; "
        "`overrides` is what the asked layer sets itself."
    ),
)
async def get_settings(
    session: SessionDep, principal: CurrentPrincipal, scope: ScopeParam = "user"
) -> Envelope[SettingsRead]:
    return envelope(_read(await service.get_settings(session, principal, scope)))


@router.patch(
    "",
    summary="Change settings (JSON Merge Patch)",
    description=(
        "The body is a JSON Merge Patch (RFC 7386) of the layer: objects merge key by key, "
        "`null` removes a key (the default shows again), any other value replaces. The "
        "merged view must meet the schema of `GET /settings/defaults`, else 422 naming "
        "each field (nothing changes). With `If-Match`, only at that version (else 409)."
    ),
)
async def patch_settings(
    patch: Annotated[
        dict[str, Any],
        Body(description="A JSON Merge Patch object.", json_schema_extra=SETTINGS_PATCH_SCHEMA),
    ],
    session: SessionDep,
    principal: CurrentPrincipal,
    if_match: IfMatch,
    scope: ScopeParam = "user",
) -> Envelope[SettingsRead]:
    view = await service.patch_settings(session, principal, patch, scope, if_match)
    return envelope(_read(view))


@router.post(
    "/reset",
    summary="Reset settings to the defaults",
    description=(
        "Drops the layer's overrides (only the top-level `keys` given, when given), so the "
        "organisation's and the platform's defaults show again."
    ),
)
async def reset_settings(
    session: SessionDep,
    principal: CurrentPrincipal,
    body: Annotated[SettingsReset | None, Body()] = None,
    scope: ScopeParam = "user",
) -> Envelope[SettingsRead]:
    keys = body.keys if body else None
    return envelope(_read(await service.reset_settings(session, principal, keys, scope)))


@router.get(
    "/defaults",
    summary="Get the default settings and their schema",
    description="The platform's defaults, the organisation's own, and the JSON Schema.",
)
async def get_defaults(
    session: SessionDep, principal: CurrentPrincipal
) -> Envelope[SettingsDefaults]:
    organization = await service.organization_defaults(session, principal)
    return envelope(
        SettingsDefaults(
            defaults=copy.deepcopy(PLATFORM_DEFAULTS),
            organization=organization,
            schema=SETTINGS_SCHEMA,
        )
    )
