"""ORM models; importing this package registers every table on ``Base.metadata``."""

from flowline.db.models.api_key import ApiKey
from flowline.db.models.flow import Flow, FlowVersion
from flowline.db.models.group import Group, GroupMember
from flowline.db.models.idempotency_record import IdempotencyRecord
from flowline.db.models.kv_entry import KvEntry
from flowline.db.models.organization import Organization
from flowline.db.models.secret import Secret
from flowline.db.models.user import User
from flowline.db.models.user_session import UserSession

__all__ = [
    "ApiKey",
    "Flow",
    "FlowVersion",
    "Group",
    "GroupMember",
    "IdempotencyRecord",
    "KvEntry",
    "Organization",
    "Secret",
    "User",
    "UserSession",
]
