"""Deploying flow files: create each flow whose name is new, update those that differ.

Matching is by exact name within the key's organisation. An update carries
``If-Match`` with the version just read, so a flow edited meanwhile is refused
rather than overwritten. A new definition is a ``PUT`` (a new version); a new
description or status alone is a ``PATCH``, which makes no version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flowline.cli.flowfiles import FlowFile, changes
from flowline.cli.remote import ApiError, Remote


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Deployed:
    """What deploying one file did."""

    file: FlowFile
    action: Action
    flow_id: str | None = None
    version_before: int | None = None
    version: int | None = None
    status: str | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    """What an update changed: some of ``definition``, ``description``, ``status``."""
    error: str | None = None

    @property
    def summary(self) -> str:
        """``created (v1)``, ``updated (v3 → v4)``, ``updated (v3: status)``,
        ``unchanged (v2)`` or ``failed``."""
        if self.action is Action.FAILED:
            return "failed"
        if self.action is Action.UPDATED and self.version != self.version_before:
            return f"updated (v{self.version_before} → v{self.version})"
        if self.action is Action.UPDATED:
            return f"updated (v{self.version}: {', '.join(self.changed)})"
        return f"{self.action.value} (v{self.version})"


def _deployed(
    file: FlowFile,
    action: Action,
    flow: dict[str, Any],
    before: int | None,
    changed: list[str] | None = None,
) -> Deployed:
    return Deployed(
        file=file,
        action=action,
        flow_id=flow["id"],
        version_before=before,
        version=flow["version"],
        status=flow["status"],
        problems=list(flow.get("problems") or []),
        changed=changed or [],
    )


def deploy_flow(remote: Remote, file: FlowFile) -> Deployed:
    """Create or update the file's flow; a refusal by the server is a ``FAILED`` result.

    ``Unreachable`` (no server) and a refused key (401, 403) are raised: no
    other file would fare better.
    """
    try:
        summary = remote.find_flow(file.name)
        if summary is None:
            return _deployed(file, Action.CREATED, remote.create_flow(file.body()), None)
        current = remote.get_flow(summary["id"])
        found = changes(file, current)
        version = current["version"]
        if not found:
            return _deployed(file, Action.UNCHANGED, current, version)
        if "definition" in found:
            flow = remote.replace_flow(current["id"], file.body(), version)
        else:
            body = {"description": file.description, "status": file.status.value}
            flow = remote.patch_flow(current["id"], body, version)
        return _deployed(file, Action.UPDATED, flow, version, found)
    except ApiError as exc:
        if exc.status in (401, 403):
            raise
        return Deployed(file=file, action=Action.FAILED, error=str(exc))
