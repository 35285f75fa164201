"""Archival memory by API: passages kept with an agent or one person, recalled by hybrid
search in the expected order, never another person's; hidden from the knowledge routes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from flowline.db.models import KnowledgeBase
from flowline.runtime import Runtime
from tests.agents.builders import make_agent
from tests.factories import Factory, Org

MEMORY = "/api/v1/memory"
SHARED = {
    "The office wifi password is printed on the router in the kitchen.": "wifi password",
    "Quarterly invoices are sent to customers on the first Monday of the quarter.": (
        "when are invoices sent"
    ),
    "The parking garage closes at midnight; after that use the side entrance.": (
        "where do I park my car late at night"
    ),
    "Refunds are paid back to the original card within five business days.": (
        "when will I get my money back"
    ),
}
ADA_ONLY = "Ada prefers green tea and meetings before noon."
GRACE_ONLY = "Grace prefers black coffee and meetings after lunch."


async def save(client: httpx.AsyncClient, org: Org, agent_id: str, text: str, **more: Any) -> Any:
    body = {"agent_id": agent_id, "text": text, **more}
    r = await client.post(f"{MEMORY}/passages", json=body, headers=org.headers)
    assert r.status_code in (200, 201), r.text
    return r


async def recall(
    client: httpx.AsyncClient, org: Org, agent_id: str, query: str, **more: Any
) -> list[dict[str, Any]]:
    body = {"agent_id": agent_id, "query": query, **more}
    r = await client.post(f"{MEMORY}/recall", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["data"]["hits"])


@pytest.mark.parametrize("mode", ["hybrid", "vector"])
async def test_recall_ranks_the_expected_passage_first(
    client: httpx.AsyncClient, factory: Factory, mode: str
) -> None:
    org = await factory.org()
    agent_id = await make_agent(client, org)
    ids = {}
    for text in SHARED:
        ids[text] = (await save(client, org, agent_id, text)).json()["data"]["id"]
    for text, question in SHARED.items():
        hits = await recall(client, org, agent_id, question, mode=mode, top_k=3)
        assert hits[0]["passage_id"] == ids[text], (question, hits)
        assert hits[0]["text"] == text
        assert hits[0]["user_id"] is None


async def test_a_persons_passages_are_recalled_only_for_them(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    ada, grace = await factory.member(org), await factory.member(org)
    agent_id = await make_agent(client, org)
    await save(client, org, agent_id, next(iter(SHARED)))
    made = await save(client, org, agent_id, ADA_ONLY, person_id=ada.user_id, metadata={"k": 1})
    assert made.status_code == 201
    assert made.json()["data"]["user_id"] == ada.user_id
    again = await save(client, org, agent_id, ADA_ONLY, person_id=ada.user_id)
    assert again.status_code == 200
    assert again.json()["data"]["duplicate"] is True
    assert again.json()["data"]["id"] == made.json()["data"]["id"]
    await save(client, org, agent_id, GRACE_ONLY, person_id=grace.user_id)

    hits = await recall(client, org, agent_id, "tea or coffee preference", person_id=ada.user_id)
    texts = [h["text"] for h in hits]
    assert texts[0] == ADA_ONLY
    assert hits[0]["metadata"] == {"k": 1}
    assert GRACE_ONLY not in texts
    assert all(h["user_id"] in (None, ada.user_id) for h in hits)
    hits = await recall(client, org, agent_id, "tea or coffee preference")
    assert {h["text"] for h in hits} == {next(iter(SHARED))}  # the shared passage alone

    listed = await client.get(
        f"{MEMORY}/passages", params={"agent_id": agent_id}, headers=org.headers
    )
    assert listed.json()["total"] == 3
    # The archives are knowledge bases of their own kind, not listed with the others.
    kbs = await client.get("/api/v1/knowledge-bases", headers=org.headers)
    assert kbs.json()["data"] == []
    passage_id = made.json()["data"]["id"]
    r = await client.delete(f"{MEMORY}/passages/{passage_id}", headers=org.headers)
    assert r.status_code == 204
    hits = await recall(client, org, agent_id, "green tea", person_id=ada.user_id)
    assert ADA_ONLY not in [h["text"] for h in hits]

    # Deleting the agent deletes its archives with it.
    assert (
        await client.delete(f"/api/v1/agents/{agent_id}", headers=org.headers)
    ).status_code == 204
    async with runtime.db.session() as session:
        count = await session.scalar(
            sa.select(sa.func.count())
            .select_from(KnowledgeBase)
            .where(KnowledgeBase.org_id == org.id)
        )
    assert count == 0


async def test_another_organisation_cannot_recall_or_add(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    agent_id = await make_agent(client, org)
    made = await save(client, org, agent_id, ADA_ONLY)
    passage_id = made.json()["data"]["id"]
    body = {"agent_id": agent_id, "query": "tea"}
    r = await client.post(f"{MEMORY}/recall", json=body, headers=other.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "AGENT_NOT_FOUND"
    r = await client.post(
        f"{MEMORY}/passages", json={"agent_id": agent_id, "text": "x"}, headers=other.headers
    )
    assert r.status_code == 404
    r = await client.get(f"{MEMORY}/passages?agent_id={agent_id}", headers=other.headers)
    assert r.status_code == 404
    r = await client.delete(f"{MEMORY}/passages/{passage_id}", headers=other.headers)
    assert r.status_code == 404
    assert r.json()["error"] == "PASSAGE_NOT_FOUND"
    r = await client.post(
        f"{MEMORY}/passages", json={"agent_id": agent_id, "text": "  "}, headers=org.headers
    )
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "text"
    assert len(await recall(client, org, agent_id, "green tea")) == 1
