"""The builtin ``load_skill`` tool: progressive disclosure of the agent's skills.

The model is shown each assigned skill's name and description (the context's
skills index); it calls ``load_skill {name}`` for the playbook (the Markdown
body and the names of its support files) and ``load_skill {name, path}`` for one
support file. Only the agent's own skills load: another skill's name is told to
the model as an error, like any failed call.
"""

from __future__ import annotations

from typing import Any, Protocol

from flowline.agents.repository import AgentRepository
from flowline.skills import service

TOOL_NAME = "load_skill"
DESCRIPTION = (
    "Load one of your skills (listed with their descriptions in your instructions) in "
    "full: its playbook and the names of its support files. Give `path` to read one "
    "support file of the skill."
)
PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "description": "The skill's name."},
        "path": {"type": "string", "description": "A support file of the skill (optional)."},
    },
    "required": ["name"],
}
MAX_FILE_CHARS = 100_000
"""A support file longer than this reaches the model cut short (``truncated``)."""


class LoadFailed(Exception):
    """The skill cannot be loaded; the message goes to the model."""


class Context(Protocol):
    """What the tool needs of a tool call's context (``tools.kinds.base.ToolContext``)."""

    @property
    def runtime(self) -> Any: ...
    @property
    def principal(self) -> Any: ...
    @property
    def agent_id(self) -> str: ...


async def assigned_skills(session: Any, org_id: str, agent_id: str) -> list[str]:
    agent = await AgentRepository(session, org_id).get(agent_id)
    skills = (agent.config or {}).get("skills") if agent is not None else None
    return [str(name) for name in skills or []]


async def run(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    name, path = arguments.get("name"), arguments.get("path")
    if path is not None and not isinstance(path, str):
        raise LoadFailed("'path' must be a string")
    settings = ctx.runtime.settings
    async with ctx.runtime.db.session() as session:
        assigned = await assigned_skills(session, ctx.principal.org_id, ctx.agent_id)
        if name not in assigned:
            listed = ", ".join(assigned) or "none"
            raise LoadFailed(f"{name!r} is not one of your skills (yours: {listed})")
        if path is None:
            skill = await service.get_skill(session, ctx.principal, settings, str(name))
            return {
                "name": skill.name,
                "title": skill.title,
                "description": skill.description,
                "body": skill.body,
                "files": skill.files,
            }
        found = await service.skill_content(session, ctx.principal, settings, str(name), path)
    return _file_result(str(name), path, found.content)


def _file_result(name: str, path: str, content: bytes) -> dict[str, Any]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        note = f"the file is not UTF-8 text ({len(content)} bytes); not shown"
        return {"name": name, "path": path, "content": None, "note": note}
    result: dict[str, Any] = {"name": name, "path": path, "content": text[:MAX_FILE_CHARS]}
    if len(text) > MAX_FILE_CHARS:
        result["truncated"] = True
    return result
