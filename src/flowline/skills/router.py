from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Path as PathParam
from fastapi import Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from flowline.api.bodies import unwrap
from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.idempotency import IDEMPOTENT
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.db.repository import Page
from flowline.errors import BadRequest, ValidationFailed
from flowline.skills import agents, service
from flowline.skills.parsing import NAME_PATTERN
from flowline.skills.schemas import AgentSkillRead, SkillRead, SkillSummary, SkillUpload
from flowline.skills.sources import MAX_SUPPORT_PATH_LENGTH

router = make_router("/api/v1/skills", "Skills")
SkillsRead = Annotated[Principal, require("skills:read")]
SkillsWrite = Annotated[Principal, require("skills:write")]

MARKDOWN = "text/markdown"
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": SkillUpload.model_json_schema()},
            MARKDOWN: {"schema": {"type": "string"}},
        },
    }
}
_FILE_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The file's bytes.",
        "content": {
            MARKDOWN: {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
_WRAPPED = unwrap("skill")


async def _upload_text(request: Request) -> str:
    """The Markdown of an upload: the raw body (`text/markdown`) or JSON `{"text"}`."""
    raw = await request.body()
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in (MARKDOWN, "text/plain", "text/x-markdown"):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationFailed("The skill is not UTF-8 text.", field="body") from None
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest(
            "The request body is not valid JSON (or send the file as text/markdown).",
            code="INVALID_JSON",
            details=[{"field": "body", "problem": "not valid JSON"}],
        ) from None
    try:
        return SkillUpload.model_validate(_WRAPPED.func(value)).text
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from None


@router.get(
    "",
    summary="List skills",
    description=(
        "Every skill the organisation sees, by name: its uploads, the skills directory's "
        "and the built-in ones. Skills-directory files that cannot be used are listed with "
        "`valid: false` and their `problems`."
    ),
)
async def list_skills(
    session: SessionDep, principal: SkillsRead, runtime: RuntimeDep, page: PageParams
) -> PageEnvelope[SkillSummary]:
    result = await service.list_skills(session, principal, runtime.settings, page)
    return page_envelope(result, lambda s: s)


@router.post(
    "",
    status_code=201,
    summary="Upload a skill",
    description=(
        'The whole Markdown file, raw as `text/markdown` or as JSON `{"text": ...}`. Bad '
        "front matter answers 422 naming the key; a name already used 409."
    ),
    openapi_extra=IDEMPOTENT | _UPLOAD_BODY,
)
async def upload_skill(
    request: Request, session: SessionDep, principal: SkillsWrite, runtime: RuntimeDep
) -> Envelope[SkillRead]:
    text = await _upload_text(request)
    return envelope(await service.upload_skill(session, principal, runtime.settings, text))


@router.get(
    "/{name}",
    summary="Get a skill",
    description="Its front matter and full Markdown body. An invalid directory skill is 422.",
)
async def get_skill(
    name: str, session: SessionDep, principal: SkillsRead, runtime: RuntimeDep
) -> Envelope[SkillRead]:
    return envelope(await service.get_skill(session, principal, runtime.settings, name))


@router.get(
    "/{name}/content",
    summary="Get a skill's file or a support file",
    description=(
        "Without `path`, the skill's Markdown file as written. With `path` (relative, `/` "
        "between folders), a file beside a folder skill's `SKILL.md`; a path with `..`, an "
        "absolute one or a backslash is 422, one that leads out of the folder 404."
    ),
    response_class=Response,
    responses=_FILE_ANSWER,
)
async def skill_content(
    name: str,
    session: SessionDep,
    principal: SkillsRead,
    runtime: RuntimeDep,
    path: Annotated[
        str | None,
        Query(max_length=MAX_SUPPORT_PATH_LENGTH, description="A support file's path."),
    ] = None,
) -> Response:
    found = await service.skill_content(session, principal, runtime.settings, name, path)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
    )


@router.delete(
    "/{name}",
    status_code=204,
    summary="Delete an uploaded skill",
    description="Directory and built-in skills are files; deleting one here answers 409.",
)
async def delete_skill(
    name: str, session: SessionDep, principal: SkillsWrite, runtime: RuntimeDep
) -> Response:
    await service.delete_skill(session, principal, runtime.settings, name)
    return Response(status_code=204)


agent_router = make_router("/api/v1/agents/{agent_id}/skills", "Skills")
AgentsRead = Annotated[Principal, require("agents:read")]
AgentsWrite = Annotated[Principal, require("agents:write")]
SkillName = Annotated[
    str, PathParam(pattern=NAME_PATTERN.pattern, max_length=64, description="A skill's name.")
]


@agent_router.get(
    "",
    summary="List an agent's skills",
    description=(
        "The skills assigned to the agent (its `config.skills`), in order: the model sees "
        "each one's name and description and loads one with the built-in `load_skill`. A "
        "skill that no longer exists is listed with `available: false`. Unknown agent: 404."
    ),
)
async def list_agent_skills(
    agent_id: str,
    session: SessionDep,
    principal: AgentsRead,
    runtime: RuntimeDep,
    page: PageParams,
) -> PageEnvelope[AgentSkillRead]:
    skills = await agents.agent_skills(session, principal, runtime.settings, agent_id)
    return page_envelope(Page.of(skills, page), lambda s: s)


@agent_router.post(
    "/{name}",
    summary="Assign a skill to an agent",
    description=(
        "Adds the skill to the agent's `config.skills` (assigning it twice is once) and "
        "answers the agent's skills. A name no skill of the organisation has is 422."
    ),
)
async def assign_skill(
    agent_id: str, name: SkillName, session: SessionDep, principal: AgentsWrite, runtime: RuntimeDep
) -> Envelope[list[AgentSkillRead]]:
    return envelope(await agents.assign(session, principal, runtime.settings, agent_id, name))


@agent_router.delete(
    "/{name}",
    status_code=204,
    summary="Unassign a skill from an agent",
    description="Takes the skill off the agent; one it does not have changes nothing.",
)
async def unassign_skill(
    agent_id: str, name: SkillName, session: SessionDep, principal: AgentsWrite, runtime: RuntimeDep
) -> Response:
    await agents.unassign(session, principal, runtime.settings, agent_id, name)
    return Response(status_code=204)
