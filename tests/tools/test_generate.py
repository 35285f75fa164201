"""``tools/generate``: a draft from the model (echo offline, the fake OpenAI server), checked."""

from __future__ import annotations

import httpx
import orjson

from tests.agents.builders import make_agent
from tests.factories import Factory, Org
from tests.fakes.http import Answer, FakeApi
from tests.fakes.llm_script import Reply
from tests.fakes.openai_server import FakeOpenAI
from tests.tools.builders import fake_model_agent, tools_url


async def _generate(
    client: httpx.AsyncClient, org: Org, agent_id: str, **body: str
) -> httpx.Response:
    return await client.post(tools_url(agent_id, "generate"), json=body, headers=org.headers)


async def test_echo_drafts_a_tool_that_dry_runs_and_persists(
    client: httpx.AsyncClient, factory: Factory, api: FakeApi
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    api.answer("/weather/Oslo", Answer(200, {"sky": "grey"}))
    description = f"Look up the weather of a city at {api.url}/weather/{{city}}."
    r = await _generate(client, org, agent_id, description=description)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["model"] == "flowline/echo"
    draft = data["tool"]
    # echo: a string with a pattern is the text as snake_case, cut to maxLength
    slug = f"look_up_the_weather_of_a_city_at_http_127_0_0_1_{api.port}_weather_city"
    assert draft["name"] == slug[:64].rstrip("_")
    assert draft["kind"] == "http"
    assert draft["description"] == description
    assert draft["config"] == {"method": "GET", "url": f"{api.url}/weather/{{city}}"}
    assert draft["parameters"] == {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    }
    again = await _generate(client, org, agent_id, description=description)
    assert again.json()["data"]["tool"] == draft  # deterministic
    assert (await client.get(tools_url(agent_id), headers=org.headers)).json()["data"] == []

    body = {"tool": draft, "arguments": {"city": "Oslo"}}
    r = await client.post(tools_url(agent_id, "dry-run"), json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["result"]["body"] == {"sky": "grey"}
    r = await client.post(tools_url(agent_id, "persist"), json={"tool": draft}, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["persisted"] is True

    r = await _generate(client, org, agent_id, description="Fetch a quote", name="quote")
    assert r.json()["data"]["tool"]["name"] == "quote"
    assert r.json()["data"]["tool"]["config"]["url"] == "https://example.com/"


async def test_echo_answers_json_that_it_is_given_and_bad_drafts_are_502(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    bad_url = {
        "name": "x",
        "description": "d",
        "method": "GET",
        "url": "ftp://files.example.com/a",
        "parameters": {"type": "object"},
    }
    r = await _generate(client, org, agent_id, description=orjson.dumps(bad_url).decode())
    assert r.status_code == 502, r.text
    assert r.json()["error"] == "MODEL_OUTPUT_INVALID"
    assert "config.url" in r.json()["message"]
    # JSON that is not of the schema is text to echo: a draft made from it.
    r = await _generate(client, org, agent_id, description='{"name": "only"}')
    assert r.status_code == 200, r.text
    assert r.json()["data"]["tool"]["description"] == '{"name": "only"}'
    r = await _generate(client, org, agent_id, description="")
    assert r.status_code == 422
    r = await _generate(client, org, "agt_nope", description="x")
    assert r.status_code == 404


async def test_generate_through_the_openai_adapter(
    client: httpx.AsyncClient, factory: Factory, openai_fake: FakeOpenAI
) -> None:
    org = await factory.org()
    agent_id = await fake_model_agent(client, org, openai_fake)
    answer = {
        "name": "create_invoice",
        "description": "Creates an invoice for a customer.",
        "method": "POST",
        "url": "https://billing.example.com/v1/customers/{customer_id}/invoices",
        "parameters": {
            "type": "object",
            "properties": {"amount": {"type": "number"}},
            "required": ["amount"],
        },
    }
    openai_fake.script(Reply(text="```json\n" + orjson.dumps(answer).decode() + "\n```"))
    r = await _generate(client, org, agent_id, description="Invoice a customer.")
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["model"] == "fake/gpt-4o-mini"
    assert data["usage"] == {"input_tokens": 11, "output_tokens": 7}
    draft = data["tool"]
    assert draft["name"] == "create_invoice"
    assert draft["config"]["method"] == "POST"
    assert draft["parameters"]["required"] == ["amount", "customer_id"]
    (request,) = [q.body for q in openai_fake.requests if q.path.endswith("/completions")]
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["schema"]["required"][0] == "name"
    assert request["messages"][-1] == {"role": "user", "content": "Invoice a customer."}

    openai_fake.script(Reply(text="Sure! Here is a tool: create_invoice."))
    r = await _generate(client, org, agent_id, description="Invoice a customer.")
    assert r.status_code == 502
    assert r.json()["message"] == "The model's tool definition is not JSON."
    openai_fake.script(Reply(text='{"name": "only"}'))
    r = await _generate(client, org, agent_id, description="Invoice a customer.")
    assert r.status_code == 502
    assert "shape" in r.json()["message"]
    secretive = {**answer, "headers": {"Authorization": "Bearer abc"}}
    openai_fake.script(Reply(text=orjson.dumps(secretive).decode()))
    r = await _generate(client, org, agent_id, description="Invoice a customer.")
    assert r.status_code == 502
    assert "config.headers" in [d["field"] for d in r.json()["details"]]
