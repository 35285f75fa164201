"""A planted secret never comes back: not in any table, log line, event stream or API answer.

A canary token is stored as a bearer credential and used every way a flow can use a
secret: sent as a credential to an endpoint that echoes it, copied into ``vars``
(plain and URL-encoded), put into a URL that fails, sent in a confirmed write.
Then every row of every table, every log line, the event streams (JSON and SSE)
and the API's answers are searched for it, plain, URL-encoded and in base64.
A channel provider's access token and app secret get the same search (the last test).
"""

from __future__ import annotations

import asyncio
import base64
import io
import urllib.parse
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import orjson
import pytest
import sqlalchemy as sa

from flowline.db.base import Base
from flowline.engine.worker import Worker
from flowline.observability.logs import configure_logging
from flowline.runtime import Runtime
from tests.channels.builders import message_once, send
from tests.channels.sse import read_until
from tests.channels.test_send import live
from tests.channels.whatsapp import make_whatsapp, text_payload
from tests.confirm.builders import add_credential, pending, respond, until
from tests.engine.flows import chain, create_flow, node, run_flow
from tests.factories import Factory, Org
from tests.fakes import channel_inbound as signed
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.fakes.provider_api import serve_provider
from tests.fakes.whatsapp_server import FakeWhatsApp

__all__ = ["live"]  # the streaming client fixture, used by name


def _forms(secret: str) -> dict[str, str]:
    raw = secret.encode()
    return {
        "plain": secret,
        "url": urllib.parse.quote(secret, safe=""),
        "url-path": urllib.parse.quote(secret),
        "url-plus": urllib.parse.quote_plus(secret),
        "base64": base64.b64encode(raw).decode().rstrip("="),
        "base64-url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
    }


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


@pytest.fixture
def logs(runtime: Runtime) -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    configure_logging("debug", stream=buffer)
    try:
        yield buffer
    finally:
        configure_logging(runtime.settings.log_level)


def _assert_nowhere(secret: str, tables: dict[str, str], log_text: str, answers: list[str]) -> None:
    """``secret`` in none of its forms in any table, the log or any answer."""
    for label, form in _forms(secret).items():
        for table, text in tables.items():
            assert form not in text, (label, table)
        assert form not in log_text, label
        for text in answers:
            assert form not in text, label


async def _database_text(runtime: Runtime) -> dict[str, str]:
    """Every row of every table as text, by table (the secrets' ciphertext left out)."""
    found: dict[str, str] = {}
    async with runtime.db.session() as session:
        for table in Base.metadata.sorted_tables:
            columns = [
                c for c in table.columns if (table.name, c.name) != ("secrets", "ciphertext")
            ]
            rows = (await session.execute(sa.select(*columns))).all()
            found[table.name] = "\n".join(repr(tuple(row)) for row in rows)
    return found


async def _answers(client: httpx.AsyncClient, org: Org, run_ids: list[str]) -> list[str]:
    """The API's answers about the runs: runs, steps, events (JSON and SSE), approvals."""
    paths = ["/api/v1/runs?size=100", "/api/v1/secrets", "/api/v1/approvals/pending"]
    for run_id in run_ids:
        paths += [
            f"/api/v1/runs/{run_id}",
            f"/api/v1/runs/{run_id}/steps",
            f"/api/v1/runs/{run_id}/events?size=100",
        ]
    texts = []
    for path in paths:
        r = await client.get(path, headers=org.headers)
        assert r.status_code == 200, (path, r.text)
        texts.append(r.text)
    for run_id in run_ids:
        headers = {**org.headers, "Accept": "text/event-stream"}
        r = await client.get(f"/api/v1/runs/{run_id}/events", headers=headers)
        assert r.status_code == 200, r.text
        assert "event: run." in r.text
        texts.append(r.text)
        approvals = await client.get(f"/api/v1/runs/{run_id}/events?size=100", headers=org.headers)
        for event in approvals.json()["data"]:
            if event["type"] == "approval.requested":
                approval_id = event["data"]["approval_id"]
                r = await client.get(f"/api/v1/approvals/{approval_id}", headers=org.headers)
                texts.append(r.text)
    return texts


async def test_the_canary_appears_nowhere(
    client: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    runtime: Runtime,
    api: FakeApi,
    logs: io.StringIO,
) -> None:
    org = await factory.org()
    # "+", "/" and "=" make the URL-encoded and base64 forms differ from the value.
    canary = f"CANARY{uuid.uuid4().hex}+k/q=z"
    await add_credential(client, org, "canary", canary)
    api.answer("/echo", Answer(200, echo=True))
    api.answer(f"/missing/{canary}", Answer(404, echo=True))
    api.answer("/write", Answer(201, echo=True))
    runs: list[dict[str, Any]] = []

    # Sent as a credential to an endpoint that answers with the request's headers.
    echo = chain(
        node("start", "start"),
        node("call", "http_request", url=f"{api.url}/echo", credential="canary"),
        node("done", "end", output="{{ steps.call.output }}"),
    )
    runs.append(await run_flow(client, org, await create_flow(client, org, echo)))
    # Copied into vars, and URL-encoded.
    copied = chain(
        node("start", "start"),
        node(
            "copy",
            "set",
            values={"plain": "{{ secrets.canary }}", "encoded": "{{ secrets.canary | urlencode }}"},
        ),
        node("done", "end", output={"vars": "{{ vars }}", "again": "{{ secrets.canary }}"}),
    )
    runs.append(await run_flow(client, org, await create_flow(client, org, copied)))
    # In a URL that fails (the run fails with it in the error), with the credential echoed.
    failing = chain(
        node("start", "start"),
        node(
            "call",
            "http_request",
            url=f"{api.url}/missing/{{{{ secrets.canary }}}}",
            credential="canary",
            query={"k": "{{ secrets.canary }}"},
        ),
    )
    runs.append(await run_flow(client, org, await create_flow(client, org, failing)))
    # A confirmed write carrying it in the body and a header.
    write = chain(
        node("start", "start"),
        node(
            "call",
            "http_request",
            method="POST",
            url=f"{api.url}/write",
            credential="canary",
            confirm="always",
            headers={"X-Copy": "{{ secrets.canary }}"},
            json={"note": "{{ secrets.canary }}", "token": "{{ secrets.canary }}"},
        ),
        node("done", "end", output="{{ steps.call.output }}"),
    )
    run = await run_flow(client, org, await create_flow(client, org, write), wait=0)
    approval = await pending(client, org, run["id"])
    await respond(client, org, approval["id"])
    runs.append(await until(client, org, run["id"], "succeeded", "failed"))

    assert [r["status"] for r in runs] == ["succeeded", "succeeded", "failed", "succeeded"]
    assert runs[2]["error"]["code"] == "HTTP_404"
    # The secret really went out each time, so its absence below means something.
    sent = [r for r in api.requests if r.path in ("/echo", f"/missing/{canary}", "/write")]
    assert len(sent) == 3
    assert all(r.headers["authorization"] == f"Bearer {canary}" for r in sent)
    assert api.seen("/write")[0].json == {"note": canary, "token": canary}

    answers = await _answers(client, org, [r["id"] for r in runs])
    tables = await _database_text(runtime)
    log_text = logs.getvalue()
    assert log_text  # the worker and the API did log
    _assert_nowhere(canary, tables, log_text, answers)


async def _channel_answers(
    client: httpx.AsyncClient,
    live: httpx.AsyncClient,
    org: Org,
    channel_id: str,
    message_ids: list[str],
) -> list[str]:
    """The API's answers about a channel: the channel, its messages, contacts,
    conversations and events (JSON, and SSE read to the last event)."""
    paths = [
        "/api/v1/channels",
        f"/api/v1/channels/{channel_id}",
        f"/api/v1/channels/{channel_id}/messages?size=100",
        f"/api/v1/channels/{channel_id}/stream?size=100",
        "/api/v1/contacts",
        "/api/v1/conversations",
        "/api/v1/secrets",
        *[f"/api/v1/messages/{message_id}" for message_id in message_ids],
    ]
    texts = []
    for path in paths:
        r = await client.get(path, headers=org.headers)
        assert r.status_code == 200, (path, r.text)
        texts.append(r.text)
    events = orjson.loads(texts[3])["data"]
    seen: list[tuple[int, str, dict[str, Any]]] = []
    headers = {**org.headers, "Accept": "text/event-stream"}
    async with live.stream("GET", f"/api/v1/channels/{channel_id}/stream", headers=headers) as s:
        assert s.status_code == 200
        await asyncio.wait_for(
            read_until(s.aiter_lines(), lambda got: len(got) >= len(events), seen), 60
        )
    texts.append(repr(seen))
    return texts


async def test_a_channel_providers_token_appears_nowhere(
    client: httpx.AsyncClient,
    live: httpx.AsyncClient,
    factory: Factory,
    worker: Worker,
    runtime: Runtime,
    logs: io.StringIO,
) -> None:
    """A WhatsApp channel's access token and app secret, used for sends that succeed and
    one the provider refuses, a template, a signed inbound message and the channel check,
    are then looked for in every table, log line, event and answer."""
    org = await factory.org()
    token = f"EAACANARY{uuid.uuid4().hex}+t/o=k"
    app_secret = f"CANARYAPP{uuid.uuid4().hex}"
    fake = FakeWhatsApp(token)
    async with serve_provider(fake):
        cid = (await make_whatsapp(client, org, fake, token, app_secret)).id
        inbound = signed.whatsapp(app_secret, text_payload("14155550123", "Hello", "wamid.in-1"))
        r = await client.post(
            f"/api/v1/channels/{cid}/inbound", content=inbound.body, headers=inbound.headers
        )
        assert r.status_code == 200, r.text
        answers = [r.text]
        sent = await send(client, org, cid, "Your order ships today.", to="+14155550123")
        template = await client.post(
            f"/api/v1/channels/{cid}/templates/send",
            json={"to": "+14155550123", "template": "order_update", "language": "en_US"},
            headers=org.headers,
        )
        ids = [sent.json()["data"]["id"], template.json()["data"]["id"]]
        for message_id in ids:
            await message_once(client, org, message_id, {"sent"})
        checked = await client.post(f"/api/v1/channels/{cid}/test", headers=org.headers)
        fake.token = "EAAsomeone-else"  # the provider now refuses the token: 401
        refused = await send(client, org, cid, "And another thing.", to="+14155550123")
        ids.append(refused.json()["data"]["id"])
        failed = await message_once(client, org, ids[-1], {"failed"})
        answers += [sent.text, template.text, checked.text, refused.text]

    # The token really went out, so its absence below means something.
    assert [r.headers["authorization"] for r in fake.requests[:3]] == [f"Bearer {token}"] * 3
    assert failed["status"] == "failed"
    answers += await _channel_answers(client, live, org, cid, ids)
    tables = await _database_text(runtime)
    log_text = logs.getvalue()
    assert log_text
    for canary in (token, app_secret):
        _assert_nowhere(canary, tables, log_text, answers)
