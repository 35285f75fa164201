from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from flowline.db.models import Question
from flowline.db.repository import OrgRepository


class QuestionRepository(OrgRepository[Question]):
    model = Question

    def pending(self, conversation_id: str | None) -> sa.Select[Question]:
        stmt = self.select().where(Question.status == "pending")
        if conversation_id is not None:
            stmt = stmt.where(Question.conversation_id == conversation_id)
        return stmt.order_by(Question.created_at.desc(), Question.id.desc())

    async def answer(
        self, question_id: str, answer: Any, user_id: str, now: datetime
    ) -> Question | None:
        """Answer a pending question; ``None`` if another answer (or a cancel) came first."""
        result = await self.session.execute(
            sa.update(Question)
            .where(self.scoped(), Question.id == question_id, Question.status == "pending")
            .values(status="answered", answer=answer, answered_by_id=user_id, answered_at=now)
            .returning(Question)
            .execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    async def cancel_for_run(self, run_id: str, now: datetime) -> None:
        """Withdraw the run's pending questions (it was cancelled)."""
        await self.session.execute(
            sa.update(Question)
            .where(self.scoped(), Question.run_id == run_id, Question.status == "pending")
            .values(status="cancelled", answered_at=now)
            .execution_options(synchronize_session=False)
        )
