"""Organisations' model providers and settings, and what they can call with them.

Keys are encrypted with the runtime's ``SecretBox`` and decrypted only to build
a provider for a call (the value is registered with the redactor then). In
``platform`` mode an organisation uses the instance's provider
(``FLOWLINE_LLM_*``); in ``byok`` mode its own. The built-in ``flowline/echo``
is always there, and is the default when nothing else is configured.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from flowline.auth.principal import Principal
from flowline.config import Settings
from flowline.db.models import LlmProvider, LlmSettings
from flowline.db.types import utcnow
from flowline.errors import Conflict, NotFound, ValidationFailed
from flowline.ids import new_id
from flowline.llm import echo, pricing, retry
from flowline.llm.errors import ProviderError, ProviderUnavailable
from flowline.llm.pricing import ModelInfo
from flowline.llm.registry import (
    KINDS,
    ProviderConfig,
    ProviderKind,
    Registry,
    build,
    model_id,
    platform_config,
)
from flowline.llm.repository import LlmProviderRepository, LlmSettingsRepository
from flowline.llm.retry import RetryPolicy
from flowline.llm.schemas import (
    KeyCheck,
    KeyCheckResult,
    LlmConfigUpdate,
    LlmProviderCreate,
    LlmProviderPut,
    check_provider_name,
)
from flowline.observability.redaction import redactor
from flowline.secrets.crypto import SecretBox
from flowline.secrets.service import last4
from flowline.users.service import check_version

MAX_LISTED_MODELS = 100


@dataclass(slots=True)
class OrgModels:
    """What one organisation can call now, and at what price."""

    mode: str
    registry: Registry
    overrides: dict[str, Any]
    default_model: str

    def info(self, model_id: str) -> ModelInfo:
        return pricing.lookup(model_id, self.overrides, kind=self.registry.kind_of(model_id))


@dataclass(slots=True)
class LlmConfigView:
    settings: LlmSettings | None
    providers: list[LlmProvider]
    platform: ProviderConfig | None
    effective_default_model: str


def _name_or_422(name: str) -> str:
    try:
        return check_provider_name(name)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="name") from None


def _not_found(name: str) -> NotFound:
    return NotFound(f"LLM provider '{name}' is not configured.", code="LLM_PROVIDER_NOT_FOUND")


class ProviderFields(Protocol):
    """What a model registry needs of a provider: an ``LlmProvider``, or its plain row."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def base_url(self) -> str | None: ...
    @property
    def ciphertext(self) -> str | None: ...
    @property
    def default_model(self) -> str | None: ...
    @property
    def models(self) -> list[str]: ...


class SettingsFields(Protocol):
    """What a model registry needs of the settings: ``LlmSettings``, or its plain row."""

    @property
    def mode(self) -> str: ...
    @property
    def default_model(self) -> str | None: ...
    @property
    def price_overrides(self) -> dict[str, Any]: ...


def _config(row: ProviderFields, box: SecretBox) -> ProviderConfig:
    key = None
    if row.ciphertext is not None:
        key = box.decrypt(row.ciphertext)
        redactor.add([key])
    kind: ProviderKind = row.kind if row.kind in KINDS else "openai_compatible"
    return ProviderConfig(
        name=row.name,
        kind=kind,
        base_url=row.base_url,
        api_key=key,
        default_model=row.default_model,
        models=tuple(row.models),
    )


def _default_model(
    chosen: str | None,
    mode: str,
    providers: Sequence[ProviderFields],
    platform: ProviderConfig | None,
) -> str:
    if chosen:
        return chosen
    if mode == "byok":
        for row in providers:
            if row.default_model:
                return model_id(row.name, row.default_model)
    elif platform is not None and platform.default_model:
        return platform.default_model
    return echo.MODEL_ID


async def org_models(
    session: AsyncSession,
    org_id: str,
    settings: Settings,
    box: SecretBox,
    *,
    policy: RetryPolicy | None = None,
) -> OrgModels:
    """The registry of one organisation's providers (keys decrypted, for a call):
    :func:`org_models_on` on the session's connection."""
    return await session.run_sync(
        lambda sync: org_models_on(sync.connection(), org_id, settings, box, policy=policy)
    )


def org_models_on(
    conn: sa.Connection,
    org_id: str,
    settings: Settings,
    box: SecretBox,
    *,
    policy: RetryPolicy | None = None,
) -> OrgModels:
    """The registry of one organisation's providers, on a plain connection (its one
    implementation): two Core reads of plain rows, a fraction of what loading ORM
    objects costs (on every turn's path)."""
    org = {"p_org": org_id}
    row = conn.execute(LlmSettingsRepository.CURRENT_ROW, org).first()
    providers = conn.execute(LlmProviderRepository.ALL_ROWS, org).all()
    return models_of(row, providers, settings, box, policy=policy)


def models_of(
    row: SettingsFields | None,
    providers: Sequence[ProviderFields],
    settings: Settings,
    box: SecretBox,
    *,
    policy: RetryPolicy | None = None,
) -> OrgModels:
    mode = row.mode if row else "platform"
    platform = platform_config(settings)
    if mode == "byok":
        configs = [_config(p, box) for p in providers]
    else:
        configs = [platform] if platform is not None else []
    if platform is not None and platform.api_key:
        redactor.add([platform.api_key])
    registry = Registry(configs, policy=policy or retry.DEFAULT_POLICY)
    return OrgModels(
        mode=mode,
        registry=registry,
        overrides=dict(row.price_overrides) if row else {},
        default_model=_default_model(row.default_model if row else None, mode, providers, platform),
    )


async def get_config(
    session: AsyncSession, principal: Principal, settings: Settings
) -> LlmConfigView:
    row = await LlmSettingsRepository(session, principal.org_id).current()
    providers = list(await LlmProviderRepository(session, principal.org_id).all())
    platform = platform_config(settings)
    mode = row.mode if row else "platform"
    default = _default_model(row.default_model if row else None, mode, providers, platform)
    return LlmConfigView(row, providers, platform, default)


async def update_config(
    session: AsyncSession,
    principal: Principal,
    data: LlmConfigUpdate,
    if_match: int | None,
    settings: Settings,
) -> LlmConfigView:
    repo = LlmSettingsRepository(session, principal.org_id)
    row = await repo.current(lock=True)
    version = row.version if row else 0
    check_version(version, if_match, "The LLM configuration")
    check_version(version, data.expected_version, "The LLM configuration")
    if row is None:
        now = utcnow()
        row = repo.add(
            LlmSettings(
                mode="platform", price_overrides={}, version=0, created_at=now, updated_at=now
            )
        )
    given = data.model_fields_set
    if data.mode is not None:
        row.mode = data.mode
    if "default_model" in given:
        row.default_model = data.default_model
    if data.price_overrides is not None:
        row.price_overrides = {
            key: override.model_dump(exclude_none=True)
            for key, override in data.price_overrides.items()
        }
    row.version += 1
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict("The LLM configuration was changed at the same time; try again.") from None
    return await get_config(session, principal, settings)


async def get_provider(session: AsyncSession, principal: Principal, name: str) -> LlmProvider:
    row = await LlmProviderRepository(session, principal.org_id).by_name(_name_or_422(name))
    if row is None:
        raise _not_found(name)
    return row


def _check_needs(kind: ProviderKind, base_url: str | None, has_key: bool) -> None:
    if kind == "openai_compatible" and base_url is None:
        raise ValidationFailed("is required for kind 'openai_compatible'", field="base_url")
    if kind in ("openai", "anthropic") and base_url is None and not has_key:
        raise ValidationFailed(f"is required for kind '{kind}'", field="api_key")


def _apply(row: LlmProvider, data: LlmProviderPut, box: SecretBox) -> None:
    keeps_key = "api_key" not in data.model_fields_set
    has_key = row.ciphertext is not None if keeps_key else data.api_key is not None
    _check_needs(data.kind, data.base_url, has_key)
    if not keeps_key:
        row.ciphertext = None if data.api_key is None else box.encrypt(data.api_key)
        row.last4 = "" if data.api_key is None else last4(data.api_key)
    row.kind = data.kind
    row.base_url = data.base_url
    row.default_model = data.default_model
    row.models = list(dict.fromkeys(data.models))
    row.version += 1


def _name_taken(name: str) -> Conflict:
    return Conflict(
        f"An LLM provider named '{name}' already exists.",
        details=[{"field": "name", "problem": "already taken"}],
    )


async def create_provider(
    session: AsyncSession, principal: Principal, data: LlmProviderCreate, box: SecretBox
) -> LlmProvider:
    repo = LlmProviderRepository(session, principal.org_id)
    if await repo.by_name(data.name) is not None:
        raise _name_taken(data.name)
    now = utcnow()
    row = LlmProvider(
        id=new_id("llp"),
        name=data.name,
        kind=data.kind,
        ciphertext=None,
        last4="",
        models=[],
        version=0,
        created_at=now,
        updated_at=now,
    )
    _apply(row, data, box)
    repo.add(row)
    try:
        await session.flush()
    except IntegrityError:
        raise _name_taken(data.name) from None
    return row


async def replace_provider(
    session: AsyncSession,
    principal: Principal,
    name: str,
    data: LlmProviderPut,
    if_match: int | None,
    box: SecretBox,
) -> LlmProvider:
    """Replace the named provider's configuration; an omitted ``api_key`` keeps the key."""
    repo = LlmProviderRepository(session, principal.org_id)
    row = await repo.by_name(_name_or_422(name), lock=True)
    if row is None:
        raise _not_found(name)
    check_version(row.version, if_match, f"LLM provider '{name}'")
    check_version(row.version, data.expected_version, f"LLM provider '{name}'")
    _apply(row, data, box)
    await session.flush()
    return row


async def delete_provider(
    session: AsyncSession, principal: Principal, name: str, if_match: int | None
) -> None:
    repo = LlmProviderRepository(session, principal.org_id)
    row = await repo.by_name(_name_or_422(name), lock=True)
    if row is None:
        raise _not_found(name)
    check_version(row.version, if_match, f"LLM provider '{name}'")
    await repo.delete(row)
    await session.flush()


KEY_CHECK_POLICY = RetryPolicy(max_attempts=1)
"""A key check is one quick question: whoever asked sees the answer and can ask again."""


async def check_key(data: KeyCheck, *, policy: RetryPolicy | None = None) -> KeyCheckResult:
    """Ask the provider for its models with ``data.api_key``; nothing is stored.

    Whatever the provider answers is the result, not a failure of this call: a
    refused key, an unreachable or overloaded endpoint all give ``valid: false``
    with the provider's status and message.
    """
    _check_needs(data.kind, data.base_url, True)
    redactor.add([data.api_key])
    config = ProviderConfig("test", data.kind, data.base_url, data.api_key)
    provider = build(config, policy or KEY_CHECK_POLICY)
    try:
        models = await provider.list_models()
    except (ProviderError, ProviderUnavailable) as exc:
        return KeyCheckResult(
            valid=False, message=exc.message, status=exc.provider_status, models=[]
        )
    return KeyCheckResult(
        valid=True,
        message=f"The key works: {len(models)} models offered.",
        status=200,
        models=sorted(models)[:MAX_LISTED_MODELS],
    )


@dataclass(frozen=True, slots=True)
class ModelView:
    info: ModelInfo
    available: bool
    default: bool


async def list_models(
    session: AsyncSession, principal: Principal, settings: Settings, box: SecretBox
) -> list[ModelView]:
    """Every model the organisation may know of: the shipped table, its overrides, and
    its providers' models; ``available`` says which a call can reach now. By id."""
    models = await org_models(session, principal.org_id, settings, box)
    registry = models.registry
    ids = set(pricing.SHIPPED) | set(models.overrides) | {models.default_model}
    for config in registry.configs.values():
        if config.default_model:
            ids.add(config.model_id(config.default_model))
        ids.update(config.model_id(m) for m in config.models)
        if config.kind != "openai_compatible":
            ids.update(
                config.model_id(info.model)
                for info in pricing.SHIPPED.values()
                if info.provider == config.kind
            )
    return [
        ModelView(models.info(each), registry.serves(each), each == models.default_model)
        for each in sorted(ids)
    ]
