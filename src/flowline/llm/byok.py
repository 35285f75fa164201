"""Bring-your-own-key configuration in one step: save a provider's key and the model
policy (allow-list, default model, use-case map), switch modes, delete a provider by id.

Built on the provider records of ``llm.service``: a saved key is an ``LlmProvider``
row, encrypted with the runtime's ``SecretBox`` and never returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.db.models import LlmProvider, LlmSettings
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound
from flowline.llm import service
from flowline.llm.byok_schemas import ByokSave
from flowline.llm.repository import LlmProviderRepository, LlmSettingsRepository
from flowline.llm.schemas import LlmConfigUpdate, LlmProviderCreate, LlmProviderPut, Mode
from flowline.llm.service import LlmConfigView, ModelView
from flowline.secrets.crypto import SecretBox


@dataclass(frozen=True, slots=True)
class Saved:
    provider: LlmProvider
    created: bool
    use_case_models: dict[str, str]


@dataclass(frozen=True, slots=True)
class ModelOptions:
    models: list[ModelView]
    use_case_models: dict[str, str]
    default_model: str


async def _settings_row(session: AsyncSession, org_id: str) -> LlmSettings:
    repo = LlmSettingsRepository(session, org_id)
    row = await repo.current(lock=True)
    if row is None:
        now = utcnow()
        row = repo.add(
            LlmSettings(
                mode="platform",
                price_overrides={},
                use_case_models={},
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
        await session.flush()
    return row


async def save(
    session: AsyncSession, principal: Principal, data: ByokSave, box: SecretBox
) -> Saved:
    """Create or replace the named provider with the key, then map the use cases."""
    name = data.provider_name()
    fields = LlmProviderPut(
        kind=data.provider,
        base_url=data.base_url,
        api_key=data.api_key,
        default_model=data.default_model,
        models=data.models,
    )
    existing = await LlmProviderRepository(session, principal.org_id).by_name(name)
    if existing is None:
        body = LlmProviderCreate(name=name, **fields.model_dump())
        row = await service.create_provider(session, principal, body, box)
    else:
        row = await service.replace_provider(session, principal, name, fields, None, box)
    settings = await _settings_row(session, principal.org_id)
    if data.use_cases:
        mapping = dict(settings.use_case_models or {})
        mapping.update({case: model for case, model in data.use_cases.items()})
        settings.use_case_models = mapping
        settings.version += 1
        await session.flush()
    return Saved(row, existing is None, dict(settings.use_case_models or {}))


async def set_mode(
    session: AsyncSession, principal: Principal, mode: Mode, settings: Settings
) -> LlmConfigView:
    """``byok`` needs a provider with a stored key (409 naming ``mode`` otherwise)."""
    if mode == "byok":
        providers = await LlmProviderRepository(session, principal.org_id).all()
        if not any(p.ciphertext is not None for p in providers):
            raise Conflict(
                "No provider key is saved: save one with POST /api/v1/llm/config first.",
                code="NO_BYOK_PROVIDER",
                details=[{"field": "mode", "problem": "no provider key saved"}],
            )
    update = LlmConfigUpdate(mode=mode)
    return await service.update_config(session, principal, update, None, settings)


async def delete(session: AsyncSession, principal: Principal, config_id: str) -> None:
    """Delete one provider by id; its use-case mappings go with it. The last keyed
    provider of an organisation in ``byok`` mode is refused (switch mode first)."""
    repo = LlmProviderRepository(session, principal.org_id)
    row = await repo.get(config_id)
    if row is None:
        raise NotFound(f"LLM configuration {config_id} not found.", code="LLM_CONFIG_NOT_FOUND")
    settings = await _settings_row(session, principal.org_id)
    others = [p for p in await repo.all() if p.id != row.id and p.ciphertext is not None]
    if settings.mode == "byok" and not others:
        raise Conflict(
            "It is the last provider key while the mode is 'byok': switch to 'platform' "
            "(PUT /api/v1/llm/config/mode) first.",
            code="LAST_BYOK_PROVIDER",
        )
    prefix = row.name + "/"
    settings.use_case_models = {
        case: model
        for case, model in (settings.use_case_models or {}).items()
        if not model.startswith(prefix)
    }
    await repo.delete(row)
    await session.flush()


async def model_options(
    session: AsyncSession, principal: Principal, settings: Settings, box: SecretBox
) -> ModelOptions:
    models = await service.list_models(session, principal, settings, box)
    row = await LlmSettingsRepository(session, principal.org_id).current()
    default = next((m.info.id for m in models if m.default), "flowline/echo")
    mapping = dict(row.use_case_models or {}) if row else {}
    return ModelOptions(models, mapping, default)
