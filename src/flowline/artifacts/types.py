"""The artifact types: each a content model, UI metadata and a table of state moves.

A type is one entry of ``TYPES``; adding one is a content model and a line here.
``moves`` lists every allowed (from, to) pair; anything else is refused naming
the rule (``ILLEGAL_TRANSITION``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from flowline.api.names import SPACES

MAX_TEXT = 200_000

_ADDRESS_CHAR = rf"[^@<>,;{SPACES}]"
EmailStr = Annotated[
    str,
    Field(
        max_length=320,
        pattern=rf"^{_ADDRESS_CHAR}+@{_ADDRESS_CHAR}+\.{_ADDRESS_CHAR}+$",
    ),
]


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EmailDraft(_Content):
    to: list[EmailStr] = Field(default_factory=list, max_length=50)
    cc: list[EmailStr] = Field(default_factory=list, max_length=50)
    subject: str = Field(default="", max_length=500)
    body: str = Field(default="", max_length=MAX_TEXT)
    in_reply_to: str | None = Field(
        default=None, max_length=40, description="The message (`msg_…`) it answers, if any."
    )


class Meeting(_Content):
    title: str = Field(default="", max_length=300)
    start: datetime | None = None
    end: datetime | None = None
    timezone: str = Field(default="UTC", max_length=64)
    attendees: list[EmailStr] = Field(default_factory=list, max_length=100)
    location: str = Field(default="", max_length=500)
    description: str = Field(default="", max_length=MAX_TEXT)


class TaskItem(_Content):
    title: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=MAX_TEXT)
    due: datetime | None = None
    assignee: str | None = Field(default=None, max_length=200)
    source_artifact_id: str | None = Field(default=None, max_length=40)


class Document(_Content):
    title: str = Field(default="", max_length=300)
    body: str = Field(default="", max_length=MAX_TEXT, description="Markdown-ish text.")


class Table(_Content):
    columns: list[str] = Field(default_factory=list, max_length=100)
    rows: list[list[Any]] = Field(default_factory=list, max_length=10_000)


@dataclass(frozen=True, slots=True)
class ArtifactType:
    name: str
    label: str
    icon: str
    description: str
    content: type[_Content]
    initial: str
    moves: frozenset[tuple[str, str]]
    editable: frozenset[str]
    """States in which the content may be edited."""
    actions: tuple[str, ...] = field(default=())

    @property
    def states(self) -> list[str]:
        seen = [self.initial]
        for a, b in sorted(self.moves):
            for state in (a, b):
                if state not in seen:
                    seen.append(state)
        return seen

    def allowed_from(self, state: str) -> list[str]:
        return sorted(b for a, b in self.moves if a == state)


def _moves(*pairs: str) -> frozenset[tuple[str, str]]:
    return frozenset(tuple(p.split("->")) for p in pairs)  # type: ignore[misc]


TYPES: Mapping[str, ArtifactType] = {
    t.name: t
    for t in (
        ArtifactType(
            "email_draft",
            "Email draft",
            "mail",
            "An email to review, edit, schedule and send through an email channel.",
            EmailDraft,
            "draft",
            _moves(
                "draft->scheduled",
                "draft->sent",
                "draft->discarded",
                "scheduled->draft",
                "scheduled->sent",
                "scheduled->discarded",
                "discarded->draft",
            ),
            frozenset({"draft"}),
            ("edit", "send", "schedule", "create-task", "download"),
        ),
        ArtifactType(
            "meeting",
            "Meeting",
            "calendar",
            "A meeting to invite people to (an iCalendar invite by email).",
            Meeting,
            "draft",
            _moves(
                "draft->scheduled",
                "draft->cancelled",
                "scheduled->completed",
                "scheduled->cancelled",
                "cancelled->draft",
            ),
            frozenset({"draft"}),
            ("edit", "schedule-meeting", "create-task", "download"),
        ),
        ArtifactType(
            "task",
            "Task",
            "check-square",
            "Something to do, optionally given to an agent on a schedule.",
            TaskItem,
            "open",
            _moves(
                "open->in_progress",
                "open->done",
                "open->cancelled",
                "in_progress->done",
                "in_progress->cancelled",
                "in_progress->open",
                "done->open",
                "cancelled->open",
            ),
            frozenset({"open", "in_progress"}),
            ("edit", "scheduled-task", "download"),
        ),
        ArtifactType(
            "document",
            "Document",
            "file-text",
            "A text document, downloadable as DOCX.",
            Document,
            "draft",
            _moves("draft->final", "final->draft", "draft->archived", "final->archived"),
            frozenset({"draft"}),
            ("edit", "create-task", "download"),
        ),
        ArtifactType(
            "table",
            "Table",
            "table",
            "Rows and columns, downloadable as DOCX.",
            Table,
            "draft",
            _moves("draft->final", "final->draft", "draft->archived", "final->archived"),
            frozenset({"draft"}),
            ("edit", "download"),
        ),
    )
}
