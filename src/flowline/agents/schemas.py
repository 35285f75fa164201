from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from flowline.api.bodies import StorableBody
from flowline.api.names import HTTP_URL_PATTERN, NOT_BLANK_PATTERN
from flowline.approvals.schemas import NotifyTarget
from flowline.tools.kinds.builtin import BUILTIN_TOOLS

ApprovalPolicy = Literal["never", "always", "mutating"]
"""``mutating`` asks only for calls that change something elsewhere: never, for built-ins."""
MAX_STEPS_LIMIT = 50
MAX_AGENT_SKILLS = 50
MAX_AGENT_PROMPT_BLOCKS = 20
SkillName = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
BlockName = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:[_-][a-z0-9]+)*$", max_length=64)]
BuiltinName = Annotated[str, Field(json_schema_extra={"enum": sorted(BUILTIN_TOOLS)})]
"""A built-in tool's name: the schema lists them, ``_builtin`` names the field's mistake."""


def _builtin(value: str) -> str:
    if value not in BUILTIN_TOOLS:
        known = ", ".join(sorted(BUILTIN_TOOLS))
        raise ValueError(f"unknown tool {value!r}; built-in tools are {known}")
    return value


MODEL_PATTERN = r"^(?:[^/]+/[\d\D]+)?$"
"""Empty, or ``<provider>/<model>`` with both parts (``AgentConfig._model``); the class of
digits and non-digits is any character alike in ECMA 262, Python and Rust, where ``.`` is
not."""


class BudgetConfig(BaseModel):
    """The agent's monthly spending cap in USD (``null``: none), enforced by ``flowline.usage``."""

    model_config = ConfigDict(extra="forbid")

    monthly_limit_usd: float | None = Field(default=None, ge=0)


class AgentConfig(BaseModel):
    """How an agent answers: its model, instructions, limits and tools."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(
        default=None,
        max_length=200,
        description="A model id (`openai/gpt-4o-mini`); empty: the organisation's default.",
        json_schema_extra={"pattern": MODEL_PATTERN},
    )
    instructions: str = Field(default="", max_length=100_000, description="The system prompt.")
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_steps: int = Field(
        default=8, ge=1, le=MAX_STEPS_LIMIT, description="Model calls allowed in one chat turn."
    )
    tools: list[BuiltinName] = Field(
        default_factory=list, description=f"Built-in tools: {', '.join(sorted(BUILTIN_TOOLS))}."
    )
    approval: dict[BuiltinName, ApprovalPolicy] = Field(
        default_factory=dict,
        description=(
            "Per built-in tool: `never` (default), `always` or `mutating`. An entry for a "
            "built-in the agent does not have is kept, and applies once the tool is added."
        ),
    )
    skills: list[SkillName] = Field(
        default_factory=list,
        max_length=MAX_AGENT_SKILLS,
        description=(
            "Skills assigned to the agent, by name: the model sees each one's name and "
            "description and loads one with the built-in `load_skill` (docs/skills.md)."
        ),
    )
    prompt_blocks: list[BlockName] = Field(
        default_factory=list,
        max_length=MAX_AGENT_PROMPT_BLOCKS,
        description="Prompt blocks put after the instructions, in this order (docs/context.md).",
    )
    approval_notify: list[NotifyTarget] = Field(
        default_factory=list,
        max_length=20,
        description=(
            "Where a tool approval is also asked: each `{channel_id, to}` gets the request "
            "with Approve/Deny buttons (or a reply code and links on SMS and email); the "
            "contact's `metadata.user_id` names the user who answers (docs/channels.md)."
        ),
    )
    budget: BudgetConfig = Field(default_factory=BudgetConfig)

    @field_validator("model")
    @classmethod
    def _model(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        provider, slash, name = value.partition("/")
        if not slash or not provider or not name:
            raise ValueError("must be <provider>/<model>, such as flowline/echo")
        return value

    @field_validator("tools")
    @classmethod
    def _tools(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(_builtin(name) for name in value))

    @field_validator("approval")
    @classmethod
    def _approval(cls, value: dict[str, ApprovalPolicy]) -> dict[str, ApprovalPolicy]:
        for name in value:
            _builtin(name)
        return value

    @field_validator("skills", "prompt_blocks")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class AgentConfigUpdate(StorableBody):
    """Only the fields sent change; ``null`` resets a field to its default (``model``:
    the organisation's default, ``temperature``: the model's, ``budget``: no cap)."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(
        default=None, max_length=200, json_schema_extra={"pattern": MODEL_PATTERN}
    )
    instructions: str | None = Field(default=None, max_length=100_000)
    temperature: float | None = Field(default=None, ge=0, le=2)
    max_steps: int | None = Field(default=None, ge=1, le=MAX_STEPS_LIMIT)
    tools: list[BuiltinName] | None = None
    approval: dict[BuiltinName, ApprovalPolicy] | None = None
    skills: list[SkillName] | None = Field(default=None, max_length=MAX_AGENT_SKILLS)
    prompt_blocks: list[BlockName] | None = Field(default=None, max_length=MAX_AGENT_PROMPT_BLOCKS)
    approval_notify: list[NotifyTarget] | None = Field(default=None, max_length=20)
    budget: BudgetConfig | None = None
    expected_version: int | None = Field(default=None, ge=0)


class AgentCreate(StorableBody):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=10_000)
    config: AgentConfig = Field(default_factory=AgentConfig)


class AgentRead(BaseModel):
    id: str
    name: str
    description: str
    parent_id: str | None = Field(description="A sub-agent's parent agent.")
    config: AgentConfig
    version: int
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime


class AgentConfigRead(AgentConfig):
    model_config = ConfigDict(extra="ignore")

    agent_id: str
    effective_model: str = Field(description="The model a chat uses now.")
    version: int


class AgentStats(BaseModel):
    agents: int
    conversations: int
    turns: int
    turns_failed: int
    input_tokens: int
    output_tokens: int
    cost: float
    by_model: dict[str, int] = Field(description="Agents per configured model (`default`: none).")


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "system", "assistant"] = "user"
    content: str = Field(max_length=200_000)


def _some_message_schema(schema: dict[str, Any]) -> None:
    """``messages`` as ``ChatBody`` checks it: some message's content is not blank."""
    said = {"properties": {"content": {"pattern": NOT_BLANK_PATTERN}}, "required": ["content"]}
    for index, branch in enumerate(schema.get("anyOf", [])):
        if branch.get("type") == "string":
            branch["pattern"] = NOT_BLANK_PATTERN
        elif branch.get("type") == "array":
            branch.update(minItems=1, contains=said)
        elif "$ref" in branch:
            schema["anyOf"][index] = {"allOf": [branch, said]}


class ChatBody(StorableBody):
    """``messages`` may be a string, one message object, or a list of them."""

    model_config = ConfigDict(extra="forbid")

    messages: str | MessageIn | list[MessageIn] = Field(json_schema_extra=_some_message_schema)
    thread_id: str | None = Field(default=None, max_length=40)
    stream: bool = False
    callback_url: str | None = Field(
        default=None,
        max_length=2000,
        description="An https URL to post the answer to (http only to FLOWLINE_ALLOW_HOSTS).",
        json_schema_extra={"pattern": HTTP_URL_PATTERN.replace("https?", "https", 1)},
    )

    def as_list(self) -> list[MessageIn]:
        if isinstance(self.messages, str):
            return [MessageIn(role="user", content=self.messages)]
        if isinstance(self.messages, MessageIn):
            return [self.messages]
        return list(self.messages)

    @model_validator(mode="after")
    def _some_message(self) -> ChatBody:
        listed = self.as_list()
        if not listed or not any(m.content.strip() for m in listed):
            raise ValueError("messages must hold at least one non-empty message")
        return self


class ToolCallRead(BaseModel):
    id: str
    tool: str
    arguments: dict[str, Any]
    result: Any = None
    error: str | None = None
    duration_ms: int | None = None


class ChatUsage(BaseModel):
    input_tokens: int
    output_tokens: int


class ChatMetadata(BaseModel):
    model: str
    timestamp: datetime
    tool_calls: list[ToolCallRead]
    execution_time_ms: int
    usage: ChatUsage
    used_credits: float = Field(
        description="Credits the turn used: its cost in USD, taken off the organisation's credits."
    )
    cost: float
    steps: int
    finish_reason: str
    run_id: str = Field(description="The chat turn (`trn_…`).")
    citations: list[dict[str, Any]] = Field(
        default_factory=list,
        description=(
            "The knowledge-base chunks `knowledge_search` gave the model in this turn, each "
            "once: `{n, chunk_id, document_id, document_name, kb_id}` (`n` as in `[n]`)."
        ),
    )


class HistoryItem(BaseModel):
    role: str
    content: str
    name: str | None = None
    tool_call_id: str | None = None
    tool_calls: list[dict[str, Any]] | None = None


class ChatResult(BaseModel):
    agent_id: str
    thread_id: str
    message: HistoryItem
    conversation_history: list[HistoryItem]
    metadata: ChatMetadata
