"""``GET /v1/models``: the key's organisation's agents as models, through the OpenAI SDK."""

from __future__ import annotations

import httpx
import openai
import pytest
from openai.pagination import AsyncCursorPage
from openai.types import Model

from flowline.app import create_app
from flowline.ratelimit import RateLimiter
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.agents.conftest import SdkFor
from tests.answers import assert_openai_error
from tests.factories import Factory


async def test_models_are_the_orgs_agents_on_every_page(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org, other = await factory.org(), await factory.org()
    mine = [await make_agent(client, org) for _ in range(5)]
    await make_agent(client, other)
    sdk = sdk_for(org)

    listed = [model async for model in sdk.models.list()]
    assert [m.id for m in listed] == mine[::-1]  # newest first, all in one answer
    assert {m.object for m in listed} == {"model"}
    assert {m.owned_by for m in listed} == {org.id}
    assert all(m.created > 1_700_000_000 for m in listed)

    # OpenAI's cursor pages, walked by the SDK's own paginator.
    pages = sdk.get_api_list(
        "/models", model=Model, page=AsyncCursorPage[Model], options={"params": {"limit": 2}}
    )
    seen = [model.id async for model in pages]
    assert seen == mine[::-1]
    first = await client.get("/v1/models", params={"limit": 2}, headers=org.headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert page["object"] == "list"
    assert [m["id"] for m in page["data"]] == mine[:-3:-1]
    assert page["has_more"] is True
    assert page["last_id"] == mine[-2]
    rest = await client.get(
        "/v1/models",
        params={"limit": 100, "after": page["last_id"], "order": "desc"},
        headers=org.headers,
    )
    assert [m["id"] for m in rest.json()["data"]] == mine[-3::-1]
    assert rest.json()["has_more"] is False
    oldest = await client.get("/v1/models", params={"order": "asc"}, headers=org.headers)
    assert [m["id"] for m in oldest.json()["data"]] == mine


async def test_retrieve_and_unknown_models(
    client: httpx.AsyncClient, factory: Factory, sdk_for: SdkFor
) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, org)
    model = await sdk_for(org).models.retrieve(agent_id)
    assert (model.id, model.object, model.owned_by) == (agent_id, "model", org.id)
    agent = (await client.get(f"/api/v1/agents/{agent_id}", headers=org.headers)).json()["data"]
    assert model.name == agent["name"]  # type: ignore[attr-defined]
    with pytest.raises(openai.NotFoundError) as missing:
        await sdk_for(org).models.retrieve("agt_missing")
    assert missing.value.code == "agent_not_found"
    with pytest.raises(openai.NotFoundError):
        await sdk_for(other).models.retrieve(agent_id)  # another organisation's agent
    assert agent_id not in [m.id async for m in sdk_for(other).models.list()]

    r = await client.get("/v1/models", params={"limit": 0}, headers=org.headers)
    assert assert_openai_error(r, 422, "VALIDATION_ERROR")["param"] == "limit"
    assert_openai_error(await client.get("/v1/models"), 401, "UNAUTHORIZED")
    with pytest.raises(openai.AuthenticationError) as refused:
        await sdk_for(org).with_options(api_key="not-a-key").models.list()
    assert refused.value.type == "authentication_error"


async def test_too_many_requests_is_the_sdks_rate_limit_error(
    runtime: Runtime, factory: Factory
) -> None:
    org = await factory.org()
    limited = Runtime(
        settings=runtime.settings,
        db=runtime.db,  # shared: this app is never started, so nothing disposes it
        secret_box=runtime.secret_box,
        rate_limiter=RateLimiter(per_minute=2),
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(runtime=limited))
    ) as http:
        sdk = openai.AsyncOpenAI(
            base_url="http://flowline.test/v1",
            api_key=org.owner.api_key,
            http_client=http,
            max_retries=0,
        )
        for _ in range(2):
            await sdk.models.list()
        with pytest.raises(openai.RateLimitError) as limited_error:
            await sdk.models.list()
    assert limited_error.value.type == "rate_limit_error"
    assert limited_error.value.code == "rate_limited"
    assert int(limited_error.value.response.headers["Retry-After"]) >= 1
