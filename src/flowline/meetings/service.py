"""``summarize-transcript``: one structured model call for the ``meeting_summary`` use
case; action items can become ``task`` artifacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flowline.artifacts import service as artifacts
from flowline.artifacts.schemas import ArtifactCreate
from flowline.artifacts.service import ArtifactView
from flowline.auth.principal import Principal
from flowline.conversations.repository import ConversationRepository
from flowline.errors import MissingReference
from flowline.llm.use_case_calls import UseCaseAnswer, ask_for
from flowline.meetings.schemas import TranscriptSummarize
from flowline.runtime import Runtime

USE_CASE = "meeting_summary"
SUMMARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "summary": {"type": "string"},
        "decisions": {"type": "array", "items": {"type": "string"}, "maxItems": 100},
        "action_items": {
            "type": "array",
            "maxItems": 100,
            "items": {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    "owner": {"type": ["string", "null"]},
                    "due": {"type": ["string", "null"]},
                },
                "required": ["title"],
            },
        },
    },
    "required": ["summary", "decisions", "action_items"],
}
SYSTEM = (
    "You summarise meeting transcripts. Answer with JSON: `summary` (a short paragraph), "
    "`decisions` (each decision taken, one sentence each) and `action_items` (`title`, "
    "`owner` when named, `due` as an ISO 8601 date when one was said)."
)


@dataclass(frozen=True, slots=True)
class Summarised:
    answer: UseCaseAnswer
    tasks: list[ArtifactView]


def _due(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


async def _check_conversation(
    runtime: Runtime, principal: Principal, data: TranscriptSummarize
) -> None:
    if data.conversation_id is None:
        return
    async with runtime.db.session() as session:
        found = await ConversationRepository(session, principal.org_id).get(data.conversation_id)
    if found is None:
        raise MissingReference("not a conversation of this organisation", field="conversation_id")


async def summarize(
    runtime: Runtime, principal: Principal, data: TranscriptSummarize
) -> Summarised:
    await _check_conversation(runtime, principal, data)
    header = [f"Meeting: {data.title}"] if data.title else []
    if data.attendees:
        header.append(f"Attendees: {', '.join(data.attendees)}")
    prompt = "\n".join([*header, "", "Transcript:", data.transcript])
    answer = await ask_for(
        runtime, principal, USE_CASE, system=SYSTEM, prompt=prompt, schema=SUMMARY_SCHEMA
    )
    tasks = []
    if data.create_tasks:
        async with runtime.db.session(write=True) as session:
            for item in answer.value["action_items"]:
                content = {
                    "title": str(item.get("title") or "")[:300],
                    "assignee": (str(item["owner"])[:200] if item.get("owner") else None),
                    "due": _due(item.get("due")),
                    "description": f"From the meeting {data.title or ''}".strip(),
                }
                body = ArtifactCreate(
                    type="task", conversation_id=data.conversation_id, content=content
                )
                tasks.append(await artifacts.create(session, principal, body))
    return Summarised(answer, tasks)
