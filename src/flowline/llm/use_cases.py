"""The backend's use cases of a model, which an organisation may map to a model each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

UseCase = Literal[
    "chat", "title", "summarize", "extract", "email_draft", "meeting_summary", "autocomplete"
]

USE_CASES: Mapping[str, str] = {
    "chat": "Direct chat and completions that name no model.",
    "title": "Conversation titles.",
    "summarize": "Summaries and compaction of long histories.",
    "extract": "Structured extraction by JSON Schema.",
    "email_draft": "Email drafts and replies (`/emails/draft*`).",
    "meeting_summary": "Meeting transcript summaries (`/meetings/summarize-transcript`).",
    "autocomplete": "Text autocomplete.",
}


def model_for(use_case: str, mapping: Mapping[str, str], default_model: str) -> str:
    """The model the organisation mapped to ``use_case``, else its default model."""
    return mapping.get(use_case) or default_model
