"""``GET /api/v1/documents/viewer``: the parsed text of an attachment or a KB document."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import BaseModel, Field

from flowline.api.deps import CurrentPrincipal, RuntimeDep, SessionDep
from flowline.api.envelope import Envelope, envelope
from flowline.api.routing import make_router
from flowline.documents import service

router = make_router("/api/v1/documents", "Documents")


class DocumentView(BaseModel):
    id: str
    source: str = Field(description="`attachment` or `knowledge_document`.")
    name: str
    content_type: str
    kind: str = Field(
        description="How it was parsed: `text`, `markdown`, `html`, `pdf`, `docx`, `csv`, `json`."
    )
    text: str = Field(description="The extracted text, at most `max_chars` characters.")
    characters: int = Field(description="Characters of the whole extracted text.")
    truncated: bool = Field(description="Whether `text` stops before the end.")


@router.get(
    "/viewer",
    summary="Fetch parsed text for an attachment or KB document",
    description=(
        "The text the knowledge base's parsers extract from the file (PDF, DOCX, HTML, CSV,"
        " JSON, text), so a person reads what an agent searched. An attachment (`att_…`)"
        " needs `runs:read`, a knowledge document (`doc_…`) `knowledge:read`; files over"
        f" {service.MAX_VIEW_BYTES // 2**20} MiB are `422 DOCUMENT_TOO_LARGE`, a file that is"
        " not what its type says `422 DOCUMENT_UNREADABLE`."
    ),
)
async def view_document(
    session: SessionDep,
    runtime: RuntimeDep,
    principal: CurrentPrincipal,
    id: Annotated[
        str,
        Query(
            pattern=r"^(att|doc)_[0-9a-z]{26}$",
            description="An attachment's `att_…` id or a knowledge document's `doc_…` id.",
        ),
    ],
    max_chars: Annotated[
        int, Query(ge=1, le=1_000_000, description="Longest text to answer.")
    ] = 200_000,
) -> Envelope[DocumentView]:
    viewed = await service.view(session, runtime.settings, principal, id, max_chars)
    return envelope(DocumentView.model_validate(viewed, from_attributes=True))
