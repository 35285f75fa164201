from __future__ import annotations

from typing import Annotated

from flowline.api.deps import RuntimeDep, SessionDep, require
from flowline.api.envelope import Envelope, envelope
from flowline.api.errors import MODEL_CALL_RESPONSES
from flowline.api.routing import make_router
from flowline.artifacts.router import artifact_read
from flowline.auth.principal import Principal
from flowline.emails.schemas import ModelUsage
from flowline.meetings import service
from flowline.meetings.schemas import ActionItem, TranscriptSummarize, TranscriptSummary

router = make_router("/api/v1/meetings", "Meetings")
Writer = Annotated[Principal, require("agents:chat")]


@router.post(
    "/summarize-transcript",
    summary="Summarise a meeting transcript",
    description=(
        "One model call (the model mapped to the `meeting_summary` use case, else the "
        "default; charged, 402 when out of budget) answering `summary`, `decisions` and "
        "`action_items` as structured output. With `create_tasks`, each action item becomes "
        "a `task` artifact (in `conversation_id` when given)."
    ),
    responses=MODEL_CALL_RESPONSES,
)
async def summarize_transcript(
    body: TranscriptSummarize, session: SessionDep, principal: Writer, runtime: RuntimeDep
) -> Envelope[TranscriptSummary]:
    await session.commit()  # the model call works through short transactions of its own
    done = await service.summarize(runtime, principal, body)
    value, answer = done.answer.value, done.answer
    return envelope(
        TranscriptSummary(
            summary=str(value["summary"]),
            decisions=[str(d) for d in value["decisions"]],
            action_items=[ActionItem.model_validate(i) for i in value["action_items"]],
            tasks=[artifact_read(t) for t in done.tasks],
            usage=ModelUsage(
                model=answer.model,
                input_tokens=answer.input_tokens,
                output_tokens=answer.output_tokens,
                cost=answer.cost,
            ),
        )
    )
