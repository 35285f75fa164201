from __future__ import annotations

from typing import Annotated

from fastapi import Query

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, PageEnvelope, envelope, page_envelope
from flowline.api.pagination import PageParams
from flowline.api.routing import make_router
from flowline.auth.principal import Principal
from flowline.questions import service
from flowline.questions.schemas import QuestionRead, QuestionRespond

router = make_router("/api/v1/questions", "Questions")
QuestionsRead = Annotated[Principal, require("agents:read")]
QuestionsAnswer = Annotated[Principal, require("agents:chat")]


@router.get(
    "/pending",
    summary="List unanswered questions",
    description="Questions agents asked (`ask_user`) that wait for an answer, newest first.",
)
async def list_pending(
    session: SessionDep,
    principal: QuestionsRead,
    page: PageParams,
    conversation_id: Annotated[str | None, Query(max_length=40)] = None,
) -> PageEnvelope[QuestionRead]:
    found = await service.list_pending(session, principal, conversation_id, page)
    return page_envelope(found, QuestionRead.model_validate)


@router.get("/{question_id}", summary="Get a question")
async def get_question(
    question_id: str, session: SessionDep, principal: QuestionsRead
) -> Envelope[QuestionRead]:
    question = await service.get_question(session, principal, question_id)
    return envelope(QuestionRead.model_validate(question))


@router.post(
    "/{question_id}/respond",
    summary="Answer an agent's question",
    description=(
        "The agent's turn, waiting on the question, goes on with the answer as its tool's "
        "result, in whichever process takes it. `409` once answered (exactly one answer wins)."
    ),
)
async def respond(
    question_id: str,
    body: QuestionRespond,
    session: SessionDep,
    principal: QuestionsAnswer,
    runtime: RuntimeDep,
) -> Envelope[QuestionRead]:
    answered = await service.respond(session, runtime.bus, principal, question_id, body)
    return envelope(QuestionRead.model_validate(answered))
