from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from flowline.db.base import Base, OrgScoped
from flowline.db.types import JSONValue, utcnow


class AgentResponse(OrgScoped, Base):
    """A ``POST /v1/responses`` answer kept for retrieval: which chat turn (run) of which
    thread it is, so that ``previous_response_id`` continues that thread.

    Only responses created with ``store`` true have a row; deleting it leaves the turn
    (a run like any other) and its conversation as they are.
    """

    __tablename__ = "responses"
    __table_args__ = (sa.Index("ix_responses_org_id_run_id", "org_id", "run_id"),)

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    agent_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("agents.id", ondelete="CASCADE")
    )
    run_id: Mapped[str] = mapped_column(sa.String(40), sa.ForeignKey("runs.id", ondelete="CASCADE"))
    conversation_id: Mapped[str] = mapped_column(
        sa.String(40), sa.ForeignKey("conversations.id", ondelete="CASCADE")
    )
    previous_response_id: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    instructions: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    meta: Mapped[dict[str, str]] = mapped_column("metadata", JSONValue, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def fields(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agent_id": self.agent_id,
            "run_id": self.run_id,
            "conversation_id": self.conversation_id,
        }
