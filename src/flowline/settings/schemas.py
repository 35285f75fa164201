"""The settings document: platform defaults, the JSON Schema every merged view must
meet, and the API's bodies."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

MAX_SETTINGS_BYTES = 64 * 1024

PLATFORM_DEFAULTS: dict[str, Any] = {
    "theme": "system",
    "language": "en",
    "timezone": "UTC",
    "date_format": "YYYY-MM-DD",
    "notifications": {"email": True, "approvals": True, "digest": "daily"},
    "chat": {"default_agent_id": None, "stream": True, "show_tool_calls": True},
    "email": {"signature": "", "send_confirmation": True},
    "ui": {"density": "comfortable", "sidebar_collapsed": False},
    "custom": {},
}
"""What a user sees before anyone changed anything."""

SETTINGS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "theme": {"enum": ["light", "dark", "system"]},
        "language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
        "timezone": {"type": "string", "minLength": 1, "maxLength": 64},
        "date_format": {"enum": ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"]},
        "notifications": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "email": {"type": "boolean"},
                "approvals": {"type": "boolean"},
                "digest": {"enum": ["off", "daily", "weekly"]},
            },
        },
        "chat": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "default_agent_id": {"type": ["string", "null"], "maxLength": 40},
                "stream": {"type": "boolean"},
                "show_tool_calls": {"type": "boolean"},
            },
        },
        "email": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "signature": {"type": "string", "maxLength": 2000},
                "send_confirmation": {"type": "boolean"},
            },
        },
        "ui": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "density": {"enum": ["compact", "comfortable"]},
                "sidebar_collapsed": {"type": "boolean"},
            },
        },
        "custom": {
            "type": "object",
            "description": "Free-form keys for clients' own preferences.",
        },
    },
}
"""Every merged view (platform, organisation, user) must meet it; a change that would
break it is refused with the field named."""


def merge_patch_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON Merge Patches (RFC 7386) of a document meeting ``schema`` that leave it
    meeting it: each known key ``null`` (removed: its default shows again) or a value of
    its own schema, an object's keys patched the same way, no other key."""
    if schema.get("type") != "object" or "properties" not in schema:
        return {k: v for k, v in schema.items() if k != "$schema"}
    patched = {
        name: {"anyOf": [{"type": "null"}, merge_patch_schema(sub)]}
        for name, sub in schema["properties"].items()
    }
    result: dict[str, Any] = {"type": "object", "properties": patched}
    if schema.get("additionalProperties") is False:
        result["additionalProperties"] = False
    return result


SETTINGS_PATCH_SCHEMA = merge_patch_schema(SETTINGS_SCHEMA)
"""The body of ``PATCH /settings``: what ``SETTINGS_SCHEMA`` allows, as a merge patch."""

Scope = Literal["user", "organization"]


class SettingsRead(BaseModel):
    settings: dict[str, Any] = Field(
        description="Platform defaults, then the organisation's, then the user's (merged)."
    )
    overrides: dict[str, Any] = Field(
        description="What this layer (the user's, or the organisation's) sets itself."
    )
    scope: Scope
    version: int = Field(description="This layer's version; 0 before its first change.")


class SettingsDefaults(BaseModel):
    defaults: dict[str, Any] = Field(description="The platform's defaults.")
    organization: dict[str, Any] = Field(description="The organisation's own defaults.")
    json_schema: dict[str, Any] = Field(
        alias="schema", description="The JSON Schema every merged view meets."
    )


class SettingsReset(BaseModel):
    keys: list[str] | None = Field(
        default=None,
        max_length=50,
        description=(
            'Top-level keys to reset (e.g. `["theme"]`); omitted, every override of the layer goes.'
        ),
    )
