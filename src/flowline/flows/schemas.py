from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from flowline.api.bodies import at_least_one_of
from flowline.api.concurrency import ExpectedVersion
from flowline.api.names import Name
from flowline.engine.graph import Edge, FlowDefinition, Node, NodeData, Position, Problem

MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 5000


class FlowStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DRAFT = "draft"


_STATUS = (
    "`active` (default), `inactive` or `draft`. A definition with problems is always saved "
    "as `draft`, whatever is asked."
)


class FlowCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="1 to 200 characters, unique among the organisation's flows.")
    description: str = Field(default="", max_length=MAX_DESCRIPTION_LENGTH)
    status: FlowStatus = Field(default=FlowStatus.ACTIVE, description=_STATUS)
    definition: FlowDefinition = Field(
        default_factory=FlowDefinition, description="Nodes, edges and conditions."
    )


class FlowReplace(FlowCreate):
    definition: FlowDefinition = Field(description="The new definition (a new version).")
    expected_version: ExpectedVersion = None


class FlowPatch(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=at_least_one_of("name", "description", "status", "definition"),
    )

    name: Name | None = None
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION_LENGTH)
    status: FlowStatus | None = Field(default=None, description=_STATUS)
    definition: FlowDefinition | None = Field(
        default=None, description="A new definition (a new version)."
    )
    expected_version: ExpectedVersion = None


class DefinitionCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    definition: FlowDefinition


class DefinitionReport(BaseModel):
    valid: bool = Field(description="True when there are no problems.")
    problems: list[Problem]


class NodeCreate(Node):
    edges: list[Edge] = Field(
        default_factory=list, max_length=100, description="Edges to add with the node."
    )
    expected_version: ExpectedVersion = None


class NodeReplace(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(
        default=None,
        description=(
            "If given, the node id of the path: another id is `409 NODE_ID_MISMATCH` "
            "(a node's id cannot change)."
        ),
    )
    position: Position | None = None
    data: NodeData
    expected_version: ExpectedVersion = None


class Creator(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str


class FlowSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    description: str
    status: FlowStatus
    version: int = Field(description="Number of the current version; counts definition saves.")
    created_at: datetime
    updated_at: datetime
    created_by: Creator | None = Field(description="Null once that user is deleted.")
    last_executed_at: datetime | None
    execution_count: int


class FlowRead(FlowSummary):
    current_version_id: str
    definition: FlowDefinition
    problems: list[Problem] = Field(
        description="What stops the flow from running; empty when it can run."
    )


class FlowVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    flow_id: str
    number: int
    created_at: datetime
    created_by: Creator | None
    definition: FlowDefinition


class NodeTypeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    description: str
    outcomes: list[str] = Field(
        description="Labels the node can end with (a `switch` also ends with its case labels)."
    )
    pauses: bool = Field(description="The run waits here holding no worker; may sit on a loop.")
    config_schema: dict[str, Any] = Field(description="JSON Schema of the node's `config`.")
