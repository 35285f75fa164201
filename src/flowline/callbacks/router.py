"""``/api/v1/callbacks/signing-key``: the key asynchronous chats' deliveries are signed with."""

from __future__ import annotations

from typing import Annotated

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.callbacks import service
from flowline.callbacks.schemas import (
    SigningKeyRevealed,
    SigningKeyRotate,
    SigningKeyState,
)

router = make_router("/api/v1/callbacks", "Callbacks")
Admin = Annotated[Principal, require("admin")]


def _revealed(revealed: service.Revealed) -> SigningKeyRevealed:
    return SigningKeyRevealed(**service.read(revealed.row).model_dump(), key=revealed.key)


@router.get(
    "/signing-key",
    summary="Show the callback signing key's metadata",
    description=(
        "The key deliveries are signed with (`Flowline-Signature`) and a rotated-out key "
        "still signing beside it; never a value. `current` is `null` until the first "
        "callback (or a reveal or rotation) makes one. Needs `admin`."
    ),
)
async def get_signing_key(session: SessionDep, principal: Admin) -> Envelope[SigningKeyState]:
    return envelope(await service.state(session, principal.org_id))


@router.post(
    "/signing-key/reveal",
    summary="Show the current signing key, once",
    description=(
        "The current key's value (made now if there is none yet), shown once per key: "
        "a second reveal is `409`; rotate to get a new value. Needs `admin`."
    ),
    responses={409: {"description": "Already shown."}},
)
async def reveal_signing_key(
    session: SessionDep, principal: Admin, runtime: RuntimeDep
) -> Envelope[SigningKeyRevealed]:
    revealed = await service.reveal(session, runtime.secret_box, principal.org_id)
    return envelope(_revealed(revealed))


@router.post(
    "/signing-key/rotate",
    status_code=201,
    summary="Make a new signing key",
    description=(
        "A new current key, whose value is answered this once. The key it replaces keeps "
        "signing beside it for `overlap_hours` (default 24, at most 168): deliveries then "
        "carry one `v1=` per key in `Flowline-Signature`. A key rotated out earlier stops "
        "signing at once. Needs `admin`."
    ),
)
async def rotate_signing_key(
    session: SessionDep,
    principal: Admin,
    runtime: RuntimeDep,
    body: SigningKeyRotate | None = None,
) -> Envelope[SigningKeyRevealed]:
    overlap = (body or SigningKeyRotate()).overlap_hours
    revealed = await service.rotate(session, runtime.secret_box, principal.org_id, overlap)
    return envelope(_revealed(revealed))
