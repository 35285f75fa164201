"""Completions and the direct LLM routes on the offline echo model: shapes, usage, 402."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
import sqlalchemy as sa

from flowline.db.models import LlmUsage
from flowline.runtime import Runtime
from tests.factories import Factory, Org
from tests.usage.builders import price_echo, put_budget

C = "/api/v1/completions"


async def post(client: httpx.AsyncClient, org: Org, path: str, body: dict[str, Any]) -> Any:
    r = await client.post(path, json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


async def usage_rows(runtime: Runtime, org: Org) -> int:
    async with runtime.db.session() as session:
        stmt = sa.select(sa.func.count()).where(LlmUsage.org_id == org.id)
        return int((await session.execute(stmt)).scalar_one())


async def test_each_kind_answers_its_shape_and_is_recorded(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    label = await post(client, org, f"{C}/label", {"input": "great", "categories": ["pos", "neg"]})
    assert label["output"]["label"] in ("pos", "neg")
    assert label["model"] == "flowline/echo"
    assert label["usage"]["input_tokens"] > 0
    multi = {"input": "x", "categories": ["a", "b"], "multi_label": True}
    assert set((await post(client, org, f"{C}/label", multi))["output"]["labels"]) <= {"a", "b"}
    schema = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 18}},
        "required": ["name", "age"],
    }
    extracted = await post(client, org, f"{C}/extract", {"input": "Ada, 36", "schema": schema})
    assert isinstance(extracted["output"]["name"], str)
    assert extracted["output"]["age"] >= 18
    summary = await post(client, org, f"{C}/summarize", {"input": "a long text"})
    assert summary["output"]["summary"].startswith("echo:")
    fields = {"score": {"type": "integer", "description": "0-10"}}
    enriched = await post(client, org, f"{C}/enrich", {"input": {"id": 7}, "fields": fields})
    assert enriched["output"]["id"] == 7
    assert isinstance(enriched["output"]["score"], int)
    rec = {"input": "books", "count": 2, "candidates": ["Dune", "Emma"]}
    recs = (await post(client, org, f"{C}/recommend", rec))["output"]["recommendations"]
    assert 1 <= len(recs) <= 2
    assert all(r["item"] in ("Dune", "Emma") for r in recs)
    auto = await post(client, org, f"{C}/autocomplete", {"input": "Once upon"})
    assert "Once upon" in auto["output"]["completion"]
    chat = {"messages": [{"role": "user", "content": "hi"}], "system": "be brief"}
    said = await post(client, org, f"{C}/chat", chat)
    assert said["output"]["message"] == {"role": "assistant", "content": "echo: hi"}
    assert await usage_rows(runtime, org) == 8


async def test_a_chat_may_end_with_the_assistants_message(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """The schema states that some message is the user's (``contains``); what follows
    the user's last message goes to the model as it is, as model APIs take it."""
    org = await factory.org()
    messages = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "Hello"},
        {"role": "system", "content": "be brief"},
    ]
    for path in (f"{C}/chat", "/api/v1/llm/chat"):
        said = await post(client, org, path, {"messages": messages})
        assert said["output"]["message"] == {"role": "assistant", "content": "echo: hi"}


async def test_a_whole_number_past_64_bits_written_as_a_float_reaches_the_model(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """``1e20`` is a whole number (read as one, as JSON Schema does): it was written with
    orjson, which stops at 64 bits, and the call failed with 422, or 500 (found by
    schema fuzzing)."""
    org = await factory.org()
    for value in (b"1e20", b'{"mass": 1e20}'):
        r = await client.post(
            "/api/v1/llm/recommend",
            content=b'{"model": "flowline/echo", "input": ' + value + b"}",
            headers=org.headers | {"Content-Type": "application/json"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["data"]["output"]["recommendations"][0]["item"] in (
            "100000000000000000000",
            '{"mass":1e+20}',
        )


async def test_run_applies_one_operation_to_many_items(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    body = {
        "operation": "label",
        "params": {"categories": ["x", "y"]},
        "items": ["one", {"two": 2}, "three"],
    }
    data = await post(client, org, f"{C}/run", body)
    assert [r["index"] for r in data["results"]] == [0, 1, 2]
    assert data["succeeded"] == 3
    assert data["failed"] == 0
    assert all(r["output"]["label"] in ("x", "y") for r in data["results"])


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/run",
            {"operation": "label", "params": {"categories": ["x"]}, "items": ["a"]},
            "params.categories",
        ),
        ("/run", {"operation": "summarize", "items": ["a"] * 51}, "items"),
        ("/run", {"operation": "nope", "items": ["a"]}, "operation"),
        ("/label", {"input": "a", "categories": ["x", "x"]}, "categories"),
        ("/extract", {"input": "a", "schema": {"type": "nonsense"}}, "schema"),
        ("/chat", {"messages": [{"role": "assistant", "content": "hi"}]}, "messages"),
        ("/enrich", {"input": "a", "fields": {"bad name": {"description": "d"}}}, "fields"),
        ("/summarize", {"input": "a", "model": "no-provider"}, "model"),
    ],
)
async def test_bad_bodies_are_422_naming_the_field(
    client: httpx.AsyncClient,
    factory: Factory,
    runtime: Runtime,
    path: str,
    body: dict[str, Any],
    field: str,
) -> None:
    org = await factory.org()
    r = await client.post(C + path, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    fields = [d["field"] for d in r.json().get("details", [])]
    assert any(f.startswith(field) for f in fields), fields
    assert await usage_rows(runtime, org) == 0


async def test_a_model_of_a_provider_the_organisation_lacks_is_404_naming_the_field(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    r = await client.post(
        C + "/summarize", json={"input": "a", "model": "ghost/model"}, headers=org.headers
    )
    assert r.status_code == 404, r.text
    assert r.json()["error"] == "MODEL_NOT_FOUND"
    assert [d["field"] for d in r.json()["details"]] == ["model"]
    assert await usage_rows(runtime, org) == 0


async def test_spent_budget_is_402_before_any_call(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    await put_budget(client, org, credits_usd=0)
    for path, body in (
        ("/api/v1/completions/summarize", {"input": "a"}),
        ("/api/v1/completions/run", {"operation": "summarize", "items": ["a"]}),
        ("/api/v1/llm/chat", {"messages": [{"role": "user", "content": "a"}], "stream": True}),
        ("/api/v1/llm/autocomplete", {"input": "a"}),
        ("/api/v1/llm/recommend", {"input": "a"}),
    ):
        r = await client.post(path, json=body, headers=org.headers)
        assert r.status_code == 402, (path, r.text)
        assert r.headers["content-type"].startswith("application/json")
    assert await usage_rows(runtime, org) == 0


async def test_calls_are_charged_and_the_budget_then_refuses(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    await price_echo(client, org)
    await put_budget(client, org, monthly_limit_usd=1)
    done = await post(client, org, "/api/v1/llm/autocomplete", {"input": "hello there"})
    assert done["cost"] > 1
    r = await client.post("/api/v1/llm/recommend", json={"input": "a"}, headers=org.headers)
    assert r.status_code == 402
    assert r.json()["error"] == "BUDGET_EXCEEDED"


async def test_llm_chat_streams_deltas_then_done(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    body = {"messages": [{"role": "user", "content": "one two three"}]}
    headers = {**org.headers, "Accept": "text/event-stream"}
    async with client.stream("POST", "/api/v1/llm/chat", json=body, headers=headers) as r:
        assert r.status_code == 200
        text = "".join([chunk async for chunk in r.aiter_text()])
    events = [block for block in text.split("\n\n") if block.startswith("event:")]
    deltas = [e for e in events if e.startswith("event: delta")]
    assert "".join(orjson.loads(e.split("data: ", 1)[1])["text"] for e in deltas) == (
        "echo: one two three"
    )
    done = orjson.loads(events[-1].split("data: ", 1)[1])
    assert done["model"] == "flowline/echo"
    assert done["usage"]["output_tokens"] == 4
    assert await usage_rows(runtime, org) == 1


async def test_a_viewer_may_not_call_models(client: httpx.AsyncClient, factory: Factory) -> None:
    from flowline.auth.scopes import Role

    org = await factory.org()
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.post(f"{C}/summarize", json={"input": "a"}, headers=viewer.headers)
    assert r.status_code == 403


async def test_values_json_cannot_carry_are_422(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    big = {"input": "a", "schema": {"type": "object", "x": [18446744073709551617]}}
    r = await client.post(f"{C}/extract", json=big, headers=org.headers)
    assert r.status_code == 422, r.text
    lone = b'{"input": "\\udb76", "categories": ["a", "b"]}'
    r = await client.post(
        f"{C}/label", content=lone, headers={**org.headers, "Content-Type": "application/json"}
    )
    assert r.status_code == 422, r.text
