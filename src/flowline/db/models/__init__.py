"""ORM models; importing this package registers every table on ``Base.metadata``."""

from flowline.db.models.agent import Agent, LlmUsage
from flowline.db.models.agent_task import AgentTask
from flowline.db.models.agent_tool import AgentTool
from flowline.db.models.api_key import ApiKey
from flowline.db.models.approval import Approval
from flowline.db.models.approval_notice import ApprovalNotice
from flowline.db.models.artifact import Artifact, ArtifactInteraction, CachedToolResult
from flowline.db.models.attachment import Attachment
from flowline.db.models.batch import Batch, BatchResult
from flowline.db.models.budget import Budget
from flowline.db.models.call import Call, VoiceConfig
from flowline.db.models.callback_signing_key import CallbackSigningKey
from flowline.db.models.channel import Channel, ChannelEvent, ChannelMessage, ChannelWait, Contact
from flowline.db.models.conversation import Conversation, ConversationMessage
from flowline.db.models.flow import Flow, FlowVersion
from flowline.db.models.group import Group, GroupMember
from flowline.db.models.idempotency_record import IdempotencyRecord
from flowline.db.models.knowledge import (
    AgentKnowledgeBase,
    KnowledgeBase,
    KnowledgeChunk,
    KnowledgeDocument,
)
from flowline.db.models.kv_entry import KvEntry
from flowline.db.models.llm_provider import LlmProvider, LlmSettings
from flowline.db.models.mcp_server import McpServer
from flowline.db.models.memory import MemoryArchive, MemoryBlock
from flowline.db.models.organization import Organization
from flowline.db.models.prompt_block import PromptBlock
from flowline.db.models.question import CallbackAttempt, Question
from flowline.db.models.response import AgentResponse
from flowline.db.models.run import Run, Step
from flowline.db.models.run_event import RunEvent
from flowline.db.models.schedule import Schedule
from flowline.db.models.secret import Secret
from flowline.db.models.skill import Skill
from flowline.db.models.task import Task
from flowline.db.models.user import User
from flowline.db.models.user_session import UserSession
from flowline.db.models.user_settings import UserSettings

__all__ = [
    "Agent",
    "AgentKnowledgeBase",
    "AgentResponse",
    "AgentTask",
    "AgentTool",
    "ApiKey",
    "Approval",
    "ApprovalNotice",
    "Artifact",
    "ArtifactInteraction",
    "Attachment",
    "Batch",
    "BatchResult",
    "Budget",
    "CachedToolResult",
    "Call",
    "CallbackAttempt",
    "CallbackSigningKey",
    "Channel",
    "ChannelEvent",
    "ChannelMessage",
    "ChannelWait",
    "Contact",
    "Conversation",
    "ConversationMessage",
    "Flow",
    "FlowVersion",
    "Group",
    "GroupMember",
    "IdempotencyRecord",
    "KnowledgeBase",
    "KnowledgeChunk",
    "KnowledgeDocument",
    "KvEntry",
    "LlmProvider",
    "LlmSettings",
    "LlmUsage",
    "McpServer",
    "MemoryArchive",
    "MemoryBlock",
    "Organization",
    "PromptBlock",
    "Question",
    "Run",
    "RunEvent",
    "Schedule",
    "Secret",
    "Skill",
    "Step",
    "Task",
    "User",
    "UserSession",
    "UserSettings",
    "VoiceConfig",
]
