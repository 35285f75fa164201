from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from flowline.skills.parsing import MAX_SKILL_BYTES


class SkillSource(StrEnum):
    BUILTIN = "builtin"
    DIRECTORY = "directory"
    UPLOAD = "upload"


class SkillUpload(BaseModel):
    """An upload as JSON; the same Markdown may be sent raw as `text/markdown`."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1,
        max_length=MAX_SKILL_BYTES,
        description="The whole skill file: `---`, YAML front matter, `---`, Markdown body.",
    )


class SkillProblem(BaseModel):
    field: str = Field(description="The front-matter key at fault, or `front matter`, `(file)`.")
    problem: str = Field(description="What is wrong, naming the file.")


class SkillSummary(BaseModel):
    name: str
    title: str | None
    version: str | None
    description: str | None = Field(description="`null` for an invalid skill.")
    source: SkillSource
    valid: bool = Field(description="`false` for a skills-directory file that cannot be used.")
    problems: list[SkillProblem] = Field(
        default_factory=list, description="Why an invalid skill cannot be used."
    )
    file: str | None = Field(
        default=None, description="Where a file skill is, relative to its directory."
    )


class SkillRead(SkillSummary):
    front_matter: dict[str, Any] = Field(description="Every key of the front matter.")
    body: str = Field(description="The Markdown after the front matter.")
    files: list[str] = Field(
        default_factory=list, description="Support files of a folder skill (relative paths)."
    )
    created_at: datetime | None = Field(default=None, description="Uploads only.")
    updated_at: datetime | None = Field(default=None, description="Uploads only.")


class AgentSkillRead(BaseModel):
    """A skill assigned to an agent, as the model is told of it."""

    name: str
    title: str | None = None
    description: str | None = Field(default=None, description="What the model is shown.")
    source: SkillSource | None = Field(default=None, description="`null` when not available.")
    available: bool = Field(
        description="`false` when the skill no longer exists (or its file became invalid): "
        "the model is not told of it."
    )
