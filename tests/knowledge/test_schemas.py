"""What the document states of knowledge-base bodies is what the code takes."""

from __future__ import annotations

import httpx
import jsonschema
import pytest
from pydantic import ValidationError

from flowline.knowledge.schemas import ChunkingFields, EmbeddingConfig
from tests.factories import Factory

SIZES = (16, 17, 31, 32, 40, 63, 64, 100, 255, 256, 257, 1000, 2047, 2048, 4096)
OVERLAPS = (0, 1, 15, 16, 20, 31, 32, 63, 100, 127, 255, 256, 511, 1023, 1024)


def _fits(schema: dict[str, object], value: dict[str, object]) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(value)


def test_every_chunking_the_schema_allows_is_taken() -> None:
    """``chunk_overlap < chunk_size`` as the schema states it: never wider than the model,
    with absent fields as their defaults."""
    schema = ChunkingFields.model_json_schema()
    bodies: list[dict[str, object]] = [
        {"chunk_size": size, "chunk_overlap": overlap} for size in SIZES for overlap in OVERLAPS
    ]
    bodies += [{"chunk_size": size} for size in SIZES] + [{"chunk_overlap": o} for o in OVERLAPS]
    allowed = 0
    for body in bodies:
        if _fits(schema, body):
            allowed += 1
            ChunkingFields.model_validate(body)
    assert allowed > len(bodies) // 2
    assert not _fits(schema, {"chunk_size": 16, "chunk_overlap": 16})
    assert not _fits(schema, {"chunk_size": 32})  # the default overlap is 32
    assert not _fits(schema, {"chunk_overlap": 256})  # the default size is 256


@pytest.mark.parametrize(
    "embedding",
    [
        {"provider": "openai"},
        {"provider": "openai", "base_url": "https://api.example.com/v1", "model": ""},
        {"provider": "openai", "model": "m"},
    ],
)
def test_an_openai_embedder_needs_its_endpoint_in_the_schema_too(
    embedding: dict[str, object],
) -> None:
    assert not _fits(EmbeddingConfig.model_json_schema(), embedding)
    with pytest.raises(ValidationError):
        EmbeddingConfig.model_validate(embedding)


async def test_the_multipart_forms_state_the_json_rules(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]

    def form(path: str) -> dict[str, object]:
        body = paths[path]["post"]["requestBody"]["content"]["multipart/form-data"]
        schema: dict[str, object] = body["schema"]
        return schema

    create = form("/api/v1/knowledge-bases")
    assert create["required"] == ["name"]
    assert create["properties"]["chunk_size"]["minimum"] == 16  # type: ignore[index]
    assert create["properties"]["metadata"]["type"] == "object"  # type: ignore[index]
    assert create["allOf"] == ChunkingFields.model_json_schema()["allOf"]
    assert form("/api/v1/knowledge-bases/preview")["required"] == ["files"]
    documents = form("/api/v1/knowledge-bases/{kb_id}/documents")
    assert documents["required"] == ["files"]
    assert documents["properties"]["files"]["minItems"] == 1  # type: ignore[index]


async def test_a_json_body_is_read_strictly(client: httpx.AsyncClient, factory: Factory) -> None:
    """``false`` is not an integer, as the document says (it was read as 0)."""
    org = await factory.org()
    body = {"name": "kb", "chunk_overlap": False}
    r = await client.post("/api/v1/knowledge-bases", json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert [d["field"] for d in r.json()["details"]] == ["chunk_overlap"]
    r = await client.post("/api/v1/knowledge-bases", json={"name": "kb"}, headers=org.headers)
    assert r.status_code == 201, r.text
