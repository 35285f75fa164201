from __future__ import annotations

from typing import Any

import httpx

from tests.conversations.builders import conversation_with
from tests.factories import Factory, Org


async def _search(client: httpx.AsyncClient, org: Org, **params: Any) -> httpx.Response:
    return await client.get("/api/v1/conversations/search", params=params, headers=org.headers)


async def test_titles_and_message_text_case_ignored(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    _, by_title = await conversation_with(client, org, [("user", "hello")])
    r = await client.put(
        f"/api/v1/conversations/{by_title}/title",
        json={"title": "Invoice for ACME"},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text
    _, by_text = await conversation_with(
        client,
        org,
        [("user", "Where is my Parcel?"), ("assistant", "Your parcel left the depot today.")],
    )
    await conversation_with(client, org, [("user", "nothing to see")])

    r = await _search(client, org, q="acme")
    assert r.status_code == 200, r.text
    hits = r.json()["data"]
    assert [h["conversation"]["id"] for h in hits] == [by_title]
    assert hits[0]["title_matched"] is True
    assert hits[0]["message"] is None
    assert hits[0]["conversation"]["title"] == "Invoice for ACME"

    hits = (await _search(client, org, q="PARCEL")).json()["data"]
    assert [h["conversation"]["id"] for h in hits] == [by_text]
    match = hits[0]["message"]
    assert hits[0]["title_matched"] is False
    assert match["seq"] == 2  # the newest matching message
    assert match["role"] == "assistant"
    assert match["snippet"] == "Your parcel left the depot today."

    other = await factory.org()
    assert (await _search(client, other, q="parcel")).json()["total"] == 0


async def test_percent_and_underscore_are_literal(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    _, plain = await conversation_with(client, org, [("user", "abc def")])
    _, marked = await conversation_with(client, org, [("user", "done 100%_ today")])
    for q in ("%", "_", "0%_", "\\"):
        found = [h["conversation"]["id"] for h in (await _search(client, org, q=q)).json()["data"]]
        assert found == ([] if q == "\\" else [marked]), q
    assert plain not in found


async def test_snippet_pagination_and_agent_filter(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    long_text = "x" * 300 + " the needle is here " + "y" * 300
    agent_a, first = await conversation_with(client, org, [("user", long_text)])
    _, second = await conversation_with(client, org, [("user", "another needle")])
    r = await _search(client, org, q="Needle", size=1)
    body = r.json()
    assert (body["total"], body["pages"], len(body["data"])) == (2, 2, 1)
    assert body["data"][0]["conversation"]["id"] == second  # newest first
    page1 = (await _search(client, org, q="needle", size=1, page=1)).json()["data"]
    snippet = page1[0]["message"]["snippet"]
    assert page1[0]["conversation"]["id"] == first
    assert snippet.startswith("…x")
    assert snippet.endswith("y…")
    assert "the needle is here" in snippet
    assert len(snippet) < 200
    only_a = (await _search(client, org, q="needle", agent_id=agent_a)).json()["data"]
    assert [h["conversation"]["id"] for h in only_a] == [first]


async def test_blank_or_missing_query_is_422_naming_q(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    for params in ({"q": ""}, {"q": "   "}, {}):
        r = await _search(client, org, **params)
        assert r.status_code == 422, (params, r.text)
        assert [d["field"] for d in r.json()["details"]] == ["q"], r.text
