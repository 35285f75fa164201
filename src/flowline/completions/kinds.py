"""What each completion kind asks the model, and how its answer becomes the output.

A kind is a :class:`Kind`: from its parameters and one input it makes the
messages and, for a structured answer, the JSON Schema the answer must match;
from the checked answer it makes the output. Pure: no I/O here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flowline.completions.schemas import (
    AutocompleteParams,
    ChatParams,
    EnrichParams,
    ExtractParams,
    LabelParams,
    RecommendParams,
    Strict,
    SummarizeParams,
)
from flowline.db.types import dump_json
from flowline.llm.provider import Message


@dataclass(frozen=True, slots=True)
class Ask:
    messages: list[Message]
    schema: dict[str, Any] | None = None
    max_tokens: int | None = None


def text_of(value: Any) -> str:
    """An input as the model reads it: a text as it is, anything else as JSON."""
    return value if isinstance(value, str) else dump_json(value)


def _task(system: str, instructions: str | None, value: Any) -> list[Message]:
    if instructions:
        system = f"{system}\n\n{instructions}"
    return [Message("system", system), Message("user", text_of(value))]


def _label(p: LabelParams, value: Any) -> Ask:
    listed = ", ".join(p.categories)
    if p.multi_label:
        prop: dict[str, Any] = {
            "type": "array",
            "items": {"enum": p.categories},
            "uniqueItems": True,
        }
        system = f"Give every label that applies to the text, from: {listed}."
        schema = {"type": "object", "properties": {"labels": prop}, "required": ["labels"]}
    else:
        system = f"Classify the text with exactly one label from: {listed}."
        schema = {
            "type": "object",
            "properties": {"label": {"enum": p.categories}},
            "required": ["label"],
        }
    return Ask(_task(system + " Answer JSON.", p.instructions, value), schema)


def _extract(p: ExtractParams, value: Any) -> Ask:
    system = "Extract the data the JSON Schema describes from the text. Answer JSON only."
    return Ask(_task(system, p.instructions, value), p.json_schema)


def _summarize(p: SummarizeParams, value: Any) -> Ask:
    form = "a bulleted list" if p.style == "bullets" else "one paragraph"
    system = f"Summarize the text in {form} of at most {p.max_words} words."
    return Ask(_task(system, p.instructions, value), max_tokens=p.max_words * 3)


def enrich_schema(p: EnrichParams) -> dict[str, Any]:
    properties = {
        name: {"type": field.type, "description": field.description}
        for name, field in p.fields.items()
    }
    return {"type": "object", "properties": properties, "required": list(p.fields)}


def _enrich(p: EnrichParams, value: Any) -> Ask:
    wanted = "; ".join(f"{name}: {f.description}" for name, f in p.fields.items())
    system = f"Compute these fields for the record: {wanted}. Answer JSON."
    return Ask(_task(system, p.instructions, value), enrich_schema(p))


def _chat(p: ChatParams, value: Any) -> Ask:
    messages = [Message("system", p.system)] if p.system else []
    messages.append(Message("user", text_of(value)))
    return Ask(messages, max_tokens=p.max_tokens)


def recommend_schema(p: RecommendParams) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "string", "minLength": 1}
    if p.candidates:
        item = {"enum": p.candidates}
    entry = {
        "type": "object",
        "properties": {"item": item, "reason": {"type": "string"}},
        "required": ["item", "reason"],
    }
    listing = {"type": "array", "items": entry, "minItems": 1, "maxItems": p.count}
    return {
        "type": "object",
        "properties": {"recommendations": listing},
        "required": ["recommendations"],
    }


def _recommend(p: RecommendParams, value: Any) -> Ask:
    system = f"Recommend up to {p.count} items for the context, each with a short reason."
    if p.goal:
        system += f" The goal: {p.goal}."
    if p.candidates:
        system += " Choose among: " + ", ".join(p.candidates) + "."
    return Ask(_task(system + " Answer JSON.", None, value), recommend_schema(p))


def _autocomplete(p: AutocompleteParams, value: Any) -> Ask:
    system = "Continue the text. Answer with the continuation only."
    return Ask(_task(system, None, value), max_tokens=p.max_tokens)


def _text(key: str) -> Callable[[Any, str], Any]:
    def shape(_: Any, text: str) -> Any:
        return {key: text}

    return shape


@dataclass(frozen=True, slots=True)
class Kind:
    ask: Callable[[Any, Any], Ask]
    output: Callable[[Any, Any], Any]
    """From the input and the answer (the checked JSON, or the text) to the output."""


def _enriched(value: Any, answer: Any) -> Any:
    return {**value, **answer} if isinstance(value, dict) else {"input": value, **answer}


KINDS: dict[str, Kind] = {
    "label": Kind(_label, lambda _, answer: answer),
    "extract": Kind(_extract, lambda _, answer: answer),
    "summarize": Kind(_summarize, _text("summary")),
    "enrich": Kind(_enrich, _enriched),
    "chat": Kind(_chat, lambda _, text: {"message": {"role": "assistant", "content": text}}),
    "recommend": Kind(_recommend, lambda _, answer: answer),
    "autocomplete": Kind(_autocomplete, _text("completion")),
}


def ask(kind: str, params: Strict, value: Any) -> Ask:
    return KINDS[kind].ask(params, value)
