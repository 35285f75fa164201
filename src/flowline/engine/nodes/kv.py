"""``kv_get``, ``kv_set``, ``kv_delete``: the organisation's KV store."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import Field

from flowline.engine.context import NodeContext
from flowline.engine.nodes.base import YEAR_SECONDS, NodeConfig, NodeType, Outcome, StepFailed, Text
from flowline.kv.repository import KvRepository
from flowline.kv.schemas import check_key, check_value

OUTCOMES = ("next", "missing", "conflict")


class KvGetConfig(NodeConfig):
    key: Text


class KvSetConfig(NodeConfig):
    key: Text
    value: Any = Field(description="Any JSON value (templates allowed).")
    ttl_seconds: int | None = Field(default=None, ge=1, le=10 * YEAR_SECONDS)
    expected_version: int | None = Field(
        default=None, ge=0, description="Compare-and-set: `0` only if absent."
    )


class KvDeleteConfig(NodeConfig):
    key: Text
    expected_version: int | None = Field(default=None, ge=1)


def _key(ctx: NodeContext, template: str) -> str:
    key = ctx.render(template)
    try:
        return check_key(str(key))
    except ValueError as exc:
        raise StepFailed("VALIDATION_ERROR", f"key {exc}", retryable=False) from None


def _entry(entry: object) -> dict[str, Any]:
    return {
        "key": getattr(entry, "key"),  # noqa: B009
        "value": getattr(entry, "value"),  # noqa: B009
        "version": getattr(entry, "version"),  # noqa: B009
    }


async def get(ctx: NodeContext, config: KvGetConfig) -> Outcome:
    key = _key(ctx, config.key)
    entry = await KvRepository(ctx.db, ctx.run.org_id).get_live(key, ctx.now)
    if entry is None:
        return Outcome(label="missing", output={"key": key, "value": None, "version": None})
    return Outcome(output=_entry(entry))


async def set_(ctx: NodeContext, config: KvSetConfig) -> Outcome:
    key = _key(ctx, config.key)
    value = ctx.render(config.value)
    try:
        check_value(value)
    except ValueError as exc:
        raise StepFailed("VALIDATION_ERROR", f"value {exc}", retryable=False) from None
    repo = KvRepository(ctx.db, ctx.run.org_id)
    expires = ctx.now + timedelta(seconds=config.ttl_seconds) if config.ttl_seconds else None
    expected = config.expected_version
    if expected is None:
        entry = await repo.upsert(key, value, expires, ctx.now, only_new=False)
    elif expected == 0:
        entry = await repo.upsert(key, value, expires, ctx.now, only_new=True)
    else:
        entry = await repo.update_version(key, value, expires, ctx.now, expected)
    if entry is None:
        return Outcome(label="conflict", output={"key": key, "expected_version": expected})
    return Outcome(output=_entry(entry))


async def delete(ctx: NodeContext, config: KvDeleteConfig) -> Outcome:
    key = _key(ctx, config.key)
    repo = KvRepository(ctx.db, ctx.run.org_id)
    if await repo.delete_key(key, ctx.now, config.expected_version):
        return Outcome(output={"key": key, "deleted": True})
    if config.expected_version is not None and await repo.get_live(key, ctx.now) is not None:
        return Outcome(label="conflict", output={"key": key})
    return Outcome(label="missing", output={"key": key, "deleted": False})


GET = NodeType("kv_get", KvGetConfig, OUTCOMES, "Reads a key; `missing` when absent.", execute=get)
SET = NodeType(
    "kv_set",
    KvSetConfig,
    OUTCOMES,
    "Writes a key; `conflict` on a version mismatch.",
    execute=set_,
)
DELETE = NodeType("kv_delete", KvDeleteConfig, OUTCOMES, "Deletes a key.", execute=delete)
