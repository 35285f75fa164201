"""The inbound route's work is one transaction of plain statements (the channel and its
secrets read before it, outside any transaction): the message,
its contact (and conversation when new), its event and its routing task commit together;
a provider's retry writes nothing; an opt-out keyword is applied and queues no routing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy import event

from flowline.db.models import Task
from flowline.runtime import Runtime
from tests.channels.builders import CHANNELS, channel_events
from tests.channels.whatsapp import NUMBER_ID, TOKEN, make_whatsapp, person_writes
from tests.factories import Factory
from tests.fakes.provider_api import serve_provider
from tests.fakes.whatsapp_server import FakeWhatsApp

WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def _transactions(runtime: Runtime) -> Iterator[list[list[str]]]:
    """The statements run meanwhile, grouped by the transaction (commit) they ended in."""
    groups: list[list[str]] = [[]]

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        groups[-1].append(statement.lstrip().upper())

    def on_commit(_conn: Any) -> None:
        groups.append([])

    engines = runtime.db.sync_engines
    for engine in engines:
        event.listen(engine, "before_cursor_execute", on_execute)
        event.listen(engine, "commit", on_commit)
    try:
        yield groups
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", on_execute)
            event.remove(engine, "commit", on_commit)


def _transaction_count(runtime: Runtime, groups: list[list[str]]) -> int:
    """SQLite: the ``BEGIN`` statements (its reads outside a transaction commit nothing
    but are counted as commits). PostgreSQL: the commits (asyncpg's ``BEGIN`` is no
    statement)."""
    if runtime.db.is_sqlite:
        return sum(s.startswith("BEGIN") for group in groups for s in group)
    return len(groups) - 1


def _writing(groups: list[list[str]]) -> list[list[str]]:
    return [g for g in groups if any(s.startswith(WRITES) for s in g)]


async def _post(client: httpx.AsyncClient, channel_id: str, message_id: str, text: str) -> None:
    r = await person_writes(client, channel_id, "14155550123", text, message_id)
    assert r.status_code == 200, r.text


async def _route_tasks(runtime: Runtime, org_id: str) -> int:
    async with runtime.db.session() as session:
        stmt = sa.select(sa.func.count()).where(Task.org_id == org_id, Task.kind == "channel_route")
        return int((await session.execute(stmt)).scalar_one())


async def test_an_inbound_message_is_stored_in_one_write_transaction(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    fake = FakeWhatsApp(TOKEN, NUMBER_ID)
    async with serve_provider(fake):
        cid = (await make_whatsapp(client, org, fake)).id
        with _transactions(runtime) as groups:
            await _post(client, cid, "wamid.T1", "Where is my order?")
        assert _transaction_count(runtime, groups) == 1, groups
        writing = _writing(groups)
        assert len(writing) == 1, writing
        written = " ".join(writing[0])
        tables = ("CONTACTS", "CONVERSATIONS", "CHANNEL_MESSAGES", "CHANNEL_EVENTS", "TASKS")
        for table in (*tables, "CONVERSATION_MESSAGES"):
            assert f"INSERT INTO {table} " in written, table
        assert await _route_tasks(runtime, org.id) == 1

        # A known contact: still one transaction, no second contact or conversation.
        with _transactions(runtime) as groups:
            await _post(client, cid, "wamid.T2", "And another thing")
        writing = _writing(groups)
        assert len(writing) == 1, writing
        assert not any("INSERT INTO CONTACTS " in s for s in writing[0])
        assert await _route_tasks(runtime, org.id) == 2

        # The provider's retry of a stored message writes nothing at all.
        with _transactions(runtime) as groups:
            await _post(client, cid, "wamid.T1", "Where is my order?")
        assert _writing(groups) == []
        assert await _route_tasks(runtime, org.id) == 2

        # An opt-out keyword: stored, the contact opted out, nothing routed.
        await _post(client, cid, "wamid.T3", "  stop ")
        assert await _route_tasks(runtime, org.id) == 2
        r = await client.get(f"/api/v1/contacts?channel_id={cid}", headers=org.headers)
        (contact,) = r.json()["data"]
        assert contact["address"] == "+14155550123"
        assert contact["name"] == "Ada"
        assert contact["opted_out_at"] is not None
        assert contact["last_inbound_at"] is not None
        r = await client.get(f"{CHANNELS}/{cid}/messages?direction=in", headers=org.headers)
        assert sorted(m["provider_message_id"] for m in r.json()["data"]) == [
            "wamid.T1",
            "wamid.T2",
            "wamid.T3",
        ]
        types = [e["type"] for e in await channel_events(client, org, cid)]
        assert types.count("message.received") == 3
        assert types.count("contact.opted_out") == 1
        seqs = [e["seq"] for e in await channel_events(client, org, cid)]
        assert seqs == sorted(set(seqs))
        # The contact's conversation holds each message once, retry and keyword included.
        r = await client.get(
            f"/api/v1/conversations/{contact['conversation_id']}/messages", headers=org.headers
        )
        assert [(m["role"], m["content"]) for m in r.json()["data"]] == [
            ("user", "Where is my order?"),
            ("user", "And another thing"),
            ("user", "  stop "),
        ]
