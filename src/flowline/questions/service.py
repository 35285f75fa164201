"""Questions agents ask people (``ask_user``), and their answers.

Answering is one conditional update from ``pending``, under the run's lock,
so exactly one answer wins; it queues the waiting turn to go on in whichever
process takes it (``engine.signals.wake_turn``).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.approvals.service import plausible_id
from flowline.auth.principal import Principal
from flowline.db.models import Question
from flowline.db.repository import Page, PageRequest
from flowline.db.types import utcnow
from flowline.engine.signals import wake_turn
from flowline.engine.transitions import append_event, lock_run
from flowline.errors import Conflict, NotFound
from flowline.events.bus import Bus
from flowline.events.log import notify_appended
from flowline.questions.repository import QuestionRepository
from flowline.questions.schemas import QuestionRespond


def _not_found(question_id: str) -> NotFound:
    return NotFound(f"Question {question_id} not found.", code="QUESTION_NOT_FOUND")


async def get_question(session: AsyncSession, principal: Principal, question_id: str) -> Question:
    question = (
        await QuestionRepository(session, principal.org_id).get(question_id)
        if plausible_id(question_id)
        else None
    )
    if question is None:
        raise _not_found(question_id)
    return question


async def list_pending(
    session: AsyncSession, principal: Principal, conversation_id: str | None, page: PageRequest
) -> Page[Question]:
    repo = QuestionRepository(session, principal.org_id)
    return await repo.paginate(repo.pending(conversation_id), page)


async def respond(
    session: AsyncSession, bus: Bus, principal: Principal, question_id: str, body: QuestionRespond
) -> Question:
    """Answer the question; ``409`` once it was answered or its turn ended."""
    question = await get_question(session, principal, question_id)
    if question.status != "pending":
        raise Conflict(f"Question {question_id} is {question.status}.", code="QUESTION_CLOSED")
    run = await lock_run(session, principal.org_id, question.run_id)
    answered = await QuestionRepository(session, principal.org_id).answer(
        question.id, body.answer, principal.user_id, utcnow()
    )
    if answered is None:
        raise Conflict(f"Question {question_id} was already answered.", code="QUESTION_CLOSED")
    if run is not None:
        append_event(
            session,
            run,
            "question.answered",
            {"question_id": answered.id, "answered_by": principal.user_id},
        )
        if run.status == "waiting":
            await wake_turn(session, bus, org_id=run.org_id, run_id=run.id)
        await notify_appended(bus, session, run)
    return answered
