"""The builtin ``knowledge_search`` tool: the agent's bound knowledge bases searched
with the same hybrid search as the API, hits numbered for the model to cite (``[1]``).
The chat's metadata keeps the cited chunks (:func:`citations_of`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from pydantic import ValidationError

from flowline.knowledge import service
from flowline.knowledge.schemas import MAX_TOP_K, SearchBody

TOOL_NAME = "knowledge_search"
DESCRIPTION = (
    "Search the knowledge bases of this agent. Answer from the hits and cite each one "
    "you use by its number, like [1]."
)
PARAMETERS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "description": "What to look for, in words."},
        "top_k": {"type": "integer", "minimum": 1, "maximum": MAX_TOP_K},
        "mode": {"type": "string", "enum": ["hybrid", "keyword", "vector"]},
    },
    "required": ["query"],
}
CITED_FIELDS = ("chunk_id", "document_id", "document_name", "kb_id")


class SearchFailed(Exception):
    """Arguments the search cannot take; the message goes to the model."""


class Context(Protocol):
    """What the tool needs of a tool call's context (``tools.kinds.base.ToolContext``)."""

    @property
    def runtime(self) -> Any: ...
    @property
    def principal(self) -> Any: ...
    @property
    def agent_id(self) -> str: ...


async def run(ctx: Context, arguments: dict[str, Any]) -> dict[str, Any]:
    try:
        body = SearchBody.model_validate(
            {k: arguments[k] for k in ("query", "top_k", "mode") if k in arguments}
        )
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise SearchFailed(problems) from None
    async with ctx.runtime.db.session() as session:
        hits = await service.agent_search(session, ctx.runtime, ctx.principal, ctx.agent_id, body)
    return {
        "query": body.query,
        "hits": [
            {
                "n": n,
                "text": hit.text,
                "score": hit.score,
                **{field: getattr(hit, field) for field in CITED_FIELDS},
            }
            for n, hit in enumerate(hits, start=1)
        ],
    }


def citations_of(calls: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
    """The chunks that ``knowledge_search`` calls (``(tool, result)``) gave the model,
    each once, in the order given."""
    seen: dict[str, dict[str, Any]] = {}
    for tool, result in calls:
        if tool != TOOL_NAME or not isinstance(result, dict):
            continue
        for hit in result.get("hits") or ():
            if isinstance(hit, dict) and hit.get("chunk_id") not in seen:
                seen[str(hit["chunk_id"])] = {
                    "n": hit.get("n"),
                    **{field: hit.get(field) for field in CITED_FIELDS},
                }
    return list(seen.values())
