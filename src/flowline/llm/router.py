from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import Path, Response

from flowline.api.bodies import unwrap
from flowline.api.concurrency import IfMatch
from flowline.api.deps import CurrentPrincipal, RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.models import LlmProvider
from flowline.llm import service
from flowline.llm.schemas import (
    PROVIDER_NAME_PATTERN,
    KeyCheck,
    KeyCheckResult,
    LlmConfigRead,
    LlmConfigUpdate,
    LlmProviderCreate,
    LlmProviderPut,
    LlmProviderRead,
    ModelRead,
    PlatformRead,
    PriceOverride,
)
from flowline.llm.service import LlmConfigView, ModelView
from flowline.secrets.service import MIN_LENGTH_FOR_LAST4

models_router = make_router("/api/v1/models", "Models")
ProviderName = Annotated[str, Path(json_schema_extra={"pattern": PROVIDER_NAME_PATTERN})]

router = make_router("/api/v1/llm/config", "LLM config")
Admin = Annotated[Principal, require("admin")]


def _provider_read(row: LlmProvider) -> LlmProviderRead:
    return LlmProviderRead(
        id=row.id,
        name=row.name,
        kind=row.kind,
        base_url=row.base_url,
        has_key=row.ciphertext is not None,
        last4=row.last4,
        default_model=row.default_model,
        models=list(row.models),
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _config_read(view: LlmConfigView) -> LlmConfigRead:
    row = view.settings
    platform = view.platform
    return LlmConfigRead(
        mode=row.mode if row else "platform",
        default_model=row.default_model if row else None,
        effective_default_model=view.effective_default_model,
        price_overrides={
            k: PriceOverride.model_validate(v)
            for k, v in (row.price_overrides if row else {}).items()
        },
        platform=PlatformRead(
            available=platform is not None,
            provider=platform.name if platform else None,
            default_model=platform.default_model if platform else None,
        ),
        providers=[_provider_read(p) for p in view.providers],
        version=row.version if row else 0,
    )


def _model_read(view: ModelView) -> ModelRead:
    info = view.info
    return ModelRead(
        id=info.id,
        provider=info.provider,
        context_window=info.context_window,
        supports_tools=info.supports_tools,
        supports_streaming=info.supports_streaming,
        input_price_per_million=_price(info.input_per_million),
        output_price_per_million=_price(info.output_per_million),
        available=view.available,
        default=view.default,
    )


def _price(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@models_router.get(
    "",
    summary="List models",
    description=(
        "Models with their provider, context window, tool and streaming support, and price "
        "per million input/output tokens (US dollars; the organisation's overrides applied). "
        "`available` says whether a configured provider serves the model now. Ordered by id."
    ),
)
async def list_models(
    session: SessionDep, principal: CurrentPrincipal, runtime: RuntimeDep, page: PageParams
) -> PageEnvelope[ModelRead]:
    views = await service.list_models(session, principal, runtime.settings, runtime.secret_box)
    items = views[page.offset : page.offset + page.size]
    return PageEnvelope[ModelRead](
        data=[_model_read(v) for v in items],
        total=len(views),
        page=page.page,
        size=page.size,
        pages=-(-len(views) // page.size),
    )


@router.get(
    "",
    summary="Get the LLM configuration",
    description=(
        "The mode (`platform` or `byok`), default model, price overrides, the instance's "
        "provider and this organisation's providers. Keys are never shown: only `last4` "
        f"(empty for keys under {MIN_LENGTH_FOR_LAST4} characters)."
    ),
)
async def get_config(
    session: SessionDep, principal: CurrentPrincipal, runtime: RuntimeDep
) -> Envelope[LlmConfigRead]:
    view = await service.get_config(session, principal, runtime.settings)
    return envelope(_config_read(view))


@router.put(
    "",
    summary="Change the LLM mode, default model or prices",
    description=(
        "Omitted fields keep their value. `price_overrides` replaces the whole map. With "
        "`If-Match` or `expected_version`, only at that version (else 409). Needs `admin`."
    ),
)
async def update_config(
    body: LlmConfigUpdate,
    session: SessionDep,
    principal: Admin,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[LlmConfigRead]:
    view = await service.update_config(session, principal, body, if_match, runtime.settings)
    return envelope(_config_read(view))


@router.post(
    "/test-key",
    summary="Check a provider key without storing it",
    description=(
        "Lists the provider's models with the key, once, without retries. Whatever the "
        "provider answers is the result: a refused key, an unreachable or overloaded "
        "endpoint give `valid: false` with the provider's `status` and message. Needs `admin`."
    ),
)
async def test_key(body: KeyCheck, principal: Admin) -> Envelope[KeyCheckResult]:
    return envelope(await service.check_key(body))


@router.get(
    "/providers/{name}",
    summary="Get one provider's configuration",
    description="The key is never shown.",
)
async def get_provider(
    name: ProviderName, session: SessionDep, principal: CurrentPrincipal
) -> Envelope[LlmProviderRead]:
    return envelope(_provider_read(await service.get_provider(session, principal, name)))


@router.post(
    "/providers",
    status_code=201,
    summary="Add a provider",
    description=(
        "Its models are called as `<name>/<model>`. The key is encrypted at rest and never "
        "returned. The name must be unique in the organisation (409 otherwise). Needs `admin`."
    ),
)
async def create_provider(
    body: Annotated[LlmProviderCreate, unwrap("provider")],
    session: SessionDep,
    principal: Admin,
    runtime: RuntimeDep,
) -> Envelope[LlmProviderRead]:
    row = await service.create_provider(session, principal, body, runtime.secret_box)
    return envelope(_provider_read(row))


@router.put(
    "/providers/{name}",
    summary="Replace a provider's configuration",
    description=(
        "Omitting `api_key` keeps the stored key; `null` removes it. With `If-Match` or "
        "`expected_version`, only at that version (else 409). Needs `admin`."
    ),
)
async def replace_provider(
    name: ProviderName,
    body: Annotated[LlmProviderPut, unwrap("provider")],
    session: SessionDep,
    principal: Admin,
    runtime: RuntimeDep,
    if_match: IfMatch,
) -> Envelope[LlmProviderRead]:
    row = await service.replace_provider(
        session, principal, name, body, if_match, runtime.secret_box
    )
    return envelope(_provider_read(row))


@router.delete(
    "/providers/{name}",
    status_code=204,
    summary="Delete a provider",
    description="With `If-Match`, only at that version (else 409). Needs `admin`.",
)
async def delete_provider(
    name: ProviderName, session: SessionDep, principal: Admin, if_match: IfMatch
) -> Response:
    await service.delete_provider(session, principal, name, if_match)
    return Response(status_code=204)
