"""``kv_get``, ``kv_set``, ``kv_delete``: the organisation's KV store."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from flowline.engine.nodes.base import YEAR_SECONDS, NodeConfig, NodeType, Text

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


GET = NodeType("kv_get", KvGetConfig, OUTCOMES, "Reads a key; `missing` when absent.")
SET = NodeType("kv_set", KvSetConfig, OUTCOMES, "Writes a key; `conflict` on a version mismatch.")
DELETE = NodeType("kv_delete", KvDeleteConfig, OUTCOMES, "Deletes a key.")
