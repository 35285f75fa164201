"""``POST /llm/config``, ``PUT /llm/config/mode``, ``GET /llm/config/model-options``,
``DELETE /llm/config/{id}``: the seed's one-step BYO key routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Response

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.llm import byok
from flowline.llm.byok_schemas import (
    ByokSave,
    ByokSaved,
    ModelOptionsRead,
    ModeSet,
    UseCaseRead,
)
from flowline.llm.router import _config_read, _model_read, _provider_read
from flowline.llm.schemas import LlmConfigRead
from flowline.llm.use_cases import USE_CASES, model_for

router = make_router("/api/v1/llm/config", "LLM config")
Admin = Annotated[Principal, require("admin")]


@router.post(
    "",
    status_code=201,
    summary="Save a provider key and model policy",
    description=(
        "Creates the provider (or replaces the one of that `name`: its key, allow-list and "
        "default model) and maps the given use cases to models. The key is encrypted with "
        "the instance's secret box and never returned; a key that is not printable ASCII, "
        "has spaces or is under 8 characters is 422. The mode is unchanged (`PUT "
        "/llm/config/mode`). Needs `admin`."
    ),
)
async def save_config(
    body: ByokSave, session: SessionDep, principal: Admin, runtime: RuntimeDep
) -> Envelope[ByokSaved]:
    saved = await byok.save(session, principal, body, runtime.secret_box)
    return envelope(
        ByokSaved(
            provider=_provider_read(saved.provider),
            created=saved.created,
            use_case_models=saved.use_case_models,
        )
    )


@router.put(
    "/mode",
    summary="Switch between the platform's and the organisation's keys",
    description=(
        "`byok` needs a saved provider key (409 `NO_BYOK_PROVIDER` otherwise). Needs `admin`."
    ),
)
async def set_mode(
    body: ModeSet, session: SessionDep, principal: Admin, runtime: RuntimeDep
) -> Envelope[LlmConfigRead]:
    view = await byok.set_mode(session, principal, body.mode, runtime.settings)
    return envelope(_config_read(view))


@router.get(
    "/model-options",
    summary="List the models and use cases an admin can map",
    description=(
        "The models the organisation may know of (as `GET /models`, all of them) and each "
        "backend use case with the model mapped to it and the one it calls now."
    ),
)
async def model_options(
    session: SessionDep, principal: Admin, runtime: RuntimeDep
) -> Envelope[ModelOptionsRead]:
    options = await byok.model_options(session, principal, runtime.settings, runtime.secret_box)
    mapping = options.use_case_models
    return envelope(
        ModelOptionsRead(
            models=[_model_read(m) for m in options.models],
            use_cases=[
                UseCaseRead(
                    id=case,
                    description=text,
                    model=mapping.get(case),
                    effective_model=model_for(case, mapping, options.default_model),
                )
                for case, text in USE_CASES.items()
            ],
            default_model=options.default_model,
        )
    )


@router.delete(
    "/{config_id}",
    status_code=204,
    summary="Delete one provider configuration",
    description=(
        "By the provider's id (`llp_…`); its key and use-case mappings go. The last "
        "provider key while the mode is `byok` is refused with 409 `LAST_BYOK_PROVIDER` "
        "(switch to `platform` first). Another organisation's id is 404. Needs `admin`."
    ),
)
async def delete_config(config_id: str, session: SessionDep, principal: Admin) -> Response:
    await byok.delete(session, principal, config_id)
    return Response(status_code=204)
