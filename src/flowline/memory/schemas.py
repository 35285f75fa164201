"""Memory blocks, archival passages and recall: bodies and answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.api.bodies import StorableBody
from flowline.db.types import MAX_INT32, check_storable_json
from flowline.knowledge.schemas import SearchMode

TYPE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
BLOCK_TYPE_RULE = "1 to 40 characters: a lower-case letter, then letters, digits or _"
PERSON_TYPES = frozenset({"human"})
"""Block types that are always about one person (a user or a contact), never the agent's."""
DEFAULT_LIMIT = 5_000
MAX_LIMIT = 100_000
MAX_PASSAGE = 10_000
MAX_METADATA_BYTES = 16 * 1024
NO_NUL = r"^[^\x00]*$"
ID_PATTERN = r"^[a-z]+_[0-9a-z]{1,40}$"

PERSON_PATTERN = r"^(usr|ctc)_[0-9a-z]{1,36}$"
PERSON_RULE = "a user's id (`usr_…`) or a channel contact's (`ctc_…`)"
AgentId = Annotated[str, Field(pattern=ID_PATTERN, max_length=40, description="`agt_…`")]
PersonId = Annotated[str, Field(pattern=PERSON_PATTERN, max_length=40, description=PERSON_RULE)]


class BlockWrite(StorableBody):
    """``PUT memory/blocks/{type}``: compare-and-set on ``expected_version`` (or ``If-Match``)."""

    model_config = ConfigDict(extra="forbid")

    value: str = Field(
        max_length=MAX_LIMIT,
        pattern=NO_NUL,
        description="The block's text: at most `limit` characters, no NUL.",
    )
    limit: int | None = Field(
        default=None,
        ge=1,
        le=MAX_LIMIT,
        description=(
            f"Most characters the block may hold (default {DEFAULT_LIMIT} for a new block; "
            "unchanged when omitted). The agent's edits past it are refused."
        ),
    )
    description: str | None = Field(
        default=None,
        max_length=2000,
        pattern=NO_NUL,
        description="What the block is for; shown to the model beside it.",
    )
    expected_version: int | None = Field(
        default=None,
        ge=0,
        le=MAX_INT32,
        description=(
            "Compare-and-set: `0` creates the block only if it does not exist; `N` changes it "
            "only if it is at version N (as `If-Match`). A mismatch answers 409."
        ),
    )


class BlockRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    agent_id: str
    type: str
    user_id: str | None = Field(description="The user the block is about, if any.")
    contact_id: str | None = Field(description="The contact the block is about, if any.")
    value: str
    limit: int
    chars: int = Field(description="Characters the value holds now.")
    description: str
    version: int
    updated_by: str | None = Field(description="`user:<id>`, or `run:<id>` for an agent's turn.")
    created_at: datetime
    updated_at: datetime


class PassageCreate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    agent_id: AgentId
    text: str = Field(
        min_length=1,
        max_length=MAX_PASSAGE,
        pattern=NO_NUL,
        description=f"1 to {MAX_PASSAGE:,} characters, without NUL.",
    )
    person_id: PersonId | None = Field(
        default=None, description=f"Keep it with this person: {PERSON_RULE}."
    )
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="Kept with the passage (a JSON object up to 16 KiB)."
    )

    @field_validator("metadata")
    @classmethod
    def _metadata(cls, value: dict[str, Any]) -> dict[str, Any]:
        check_storable_json(value, MAX_METADATA_BYTES)
        return value


class PassageRead(BaseModel):
    id: str
    agent_id: str
    user_id: str | None
    contact_id: str | None
    text: str
    metadata: dict[str, Any]
    duplicate: bool = Field(
        default=False, description="The same text was already saved there: nothing was added."
    )
    created_at: datetime


class RecallBody(StorableBody):
    model_config = ConfigDict(extra="forbid")

    agent_id: AgentId
    query: str = Field(
        min_length=1,
        max_length=2000,
        pattern=NO_NUL,
        description="1 to 2,000 characters, without NUL.",
    )
    person_id: PersonId | None = Field(
        default=None,
        description=f"Also search what the agent keeps about this person: {PERSON_RULE}.",
    )
    mode: SearchMode = "hybrid"
    top_k: int = Field(default=5, ge=1, le=50)
    score_threshold: float | None = Field(
        default=None, description="Hits scoring below it are left out (as in knowledge search)."
    )


class RecallHit(BaseModel):
    passage_id: str
    text: str
    score: float
    user_id: str | None
    contact_id: str | None
    metadata: dict[str, Any]
    created_at: datetime


class RecallResult(BaseModel):
    query: str
    hits: list[RecallHit]
