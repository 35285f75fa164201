"""Approval requests through the real button kinds: Slack (blocks with Approve/Deny, a signed
``block_actions`` answer), Telegram (an inline keyboard, a ``callback_query``) and WhatsApp
(interactive reply buttons, a signed ``button_reply``) decide the approval once, and a second
answer is told it was already decided."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import orjson

from flowline.engine.worker import Worker
from tests.channels.builders import CHANNELS, make_slack_channel, make_telegram_channel
from tests.channels.whatsapp import (
    APP_SECRET,
    MESSAGES_PATH,
    TOKEN,
    make_whatsapp,
    person_writes,
    text_payload,
)
from tests.engine.flows import create_flow, edge, node, wait_status
from tests.factories import Factory, Org
from tests.fakes import channel_inbound as signed
from tests.fakes.provider_api import serve_provider
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.whatsapp_server import FakeWhatsApp


async def _ask(
    client: httpx.AsyncClient, org: Org, channel_id: str, to: list[str]
) -> tuple[str, str]:
    """A run waiting on an approval notified to ``to``: (run id, approval id)."""
    nodes = [
        node("start", "start"),
        node(
            "ask",
            "approval",
            title="Refund 40 EUR?",
            assignees=[org.owner.user_id],
            notify=[{"channel_id": channel_id, "to": address} for address in to],
        ),
        node("yes", "end", output="approved"),
        node("no", "end", output="denied"),
    ]
    edges = [edge("start", "ask"), edge("ask", "yes", "approved"), edge("ask", "no", "denied")]
    flow_id = await create_flow(client, org, {"nodes": nodes, "edges": edges})
    r = await client.post(f"/api/v1/flows/{flow_id}/run", json={"input": {}}, headers=org.headers)
    assert r.status_code == 201, r.text
    async with asyncio.timeout(30):
        while True:
            pending = await client.get("/api/v1/approvals/pending", headers=org.headers)
            if pending.json()["data"]:
                return r.json()["data"]["id"], pending.json()["data"][0]["id"]
            await asyncio.sleep(0.05)


async def _until(check: Callable[[], Any]) -> Any:
    """What ``check`` finds in the fake's requests, once it finds something."""
    async with asyncio.timeout(30):
        while True:
            if found := check():
                return found
            await asyncio.sleep(0.05)


async def _link_all(client: httpx.AsyncClient, org: Org, channel_id: str) -> None:
    r = await client.get("/api/v1/contacts", params={"channel_id": channel_id}, headers=org.headers)
    for contact in r.json()["data"]:
        r = await client.patch(
            f"/api/v1/contacts/{contact['id']}",
            json={"metadata": {"user_id": org.owner.user_id}},
            headers=org.headers,
        )
        assert r.status_code == 200, r.text


async def _post(client: httpx.AsyncClient, channel_id: str, made: signed.Signed) -> None:
    r = await client.post(
        f"{CHANNELS}/{channel_id}/inbound", content=made.body, headers=made.headers
    )
    assert r.status_code == 200, r.text


async def test_slack_blocks_and_block_actions_decide_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    fake = FakeSlack("xoxb-approve-1")
    async with serve_provider(fake):
        channel = await make_slack_channel(client, org, fake.url, "xoxb-approve-1")
        run_id, approval_id = await _ask(client, org, channel["id"], ["U0AAAAAA1", "U0AAAAAA2"])
        posted = await _until(
            lambda: (
                len(fake.seen("/api/chat.postMessage")) >= 2 and fake.seen("/api/chat.postMessage")
            )
        )
        request = next(p.json for p in posted if p.json["channel"] == "U0AAAAAA1")
        [actions] = [b for b in request["blocks"] if b["type"] == "actions"]
        buttons = {e["text"]["text"]: e["action_id"] for e in actions["elements"]}
        assert buttons == {
            "Approve": f"apr:{approval_id}:approve",
            "Deny": f"apr:{approval_id}:deny",
        }
        await _link_all(client, org, channel["id"])

        def pressed(user: str, label: str, ts: str) -> signed.Signed:
            payload = {
                "type": "block_actions",
                "user": {"id": user, "name": "ada"},
                "channel": {"id": "D0AAAAAA1"},
                "container": {"message_ts": "1700000000.000100"},
                "actions": [
                    {
                        "action_id": buttons[label],
                        "text": {"type": "plain_text", "text": label},
                        "action_ts": ts,
                    }
                ],
            }
            return signed.slack_interaction("slack-signing-1", payload)

        await _post(client, channel["id"], pressed("U0AAAAAA1", "Approve", "1700000001.1"))
        run = await wait_status(client, org, run_id, {"succeeded", "failed"})
        assert run["output"] == "approved"
        await _post(client, channel["id"], pressed("U0AAAAAA2", "Deny", "1700000002.1"))
        said = await _until(
            lambda: [
                p.json["text"]
                for p in fake.seen("/api/chat.postMessage")
                if p.json["channel"] == "U0AAAAAA2" and "Already" in p.json.get("text", "")
            ]
        )
    assert said == ["Already decided: the approval is approved."]
    decided = (await client.get(f"/api/v1/approvals/{approval_id}", headers=org.headers)).json()
    assert decided["data"]["status"] == "approved"


async def test_telegram_inline_keyboard_and_callback_query_decide_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    token = "7000000002:AAHapproveToken"
    fake = FakeTelegram(token)
    async with serve_provider(fake):
        channel = await make_telegram_channel(client, org, fake.url, token)
        run_id, approval_id = await _ask(client, org, channel["id"], ["4242", "4343"])
        sent = f"/bot{token}/sendMessage"
        posted = await _until(lambda: len(fake.seen(sent)) >= 2 and fake.seen(sent))
        request = next(p.json for p in posted if p.json["chat_id"] == 4242)
        keyboard = request["reply_markup"]["inline_keyboard"]
        buttons = {b["text"]: b["callback_data"] for row in keyboard for b in row}
        assert buttons == {
            "Approve": f"apr:{approval_id}:approve",
            "Deny": f"apr:{approval_id}:deny",
        }
        await _link_all(client, org, channel["id"])

        def pressed(chat: int, label: str, query_id: str) -> signed.Signed:
            update = {
                "update_id": int(query_id),
                "callback_query": {
                    "id": query_id,
                    "from": {"id": chat, "is_bot": False, "first_name": "Ada"},
                    "message": {
                        "message_id": 9,
                        "chat": {"id": chat, "type": "private"},
                        "date": 1441645532,
                    },
                    "data": buttons[label],
                },
            }
            return signed.telegram("tg-secret-1", update)

        await _post(client, channel["id"], pressed(4242, "Deny", "101"))
        run = await wait_status(client, org, run_id, {"succeeded", "failed"})
        assert run["output"] == "denied"
        await _post(client, channel["id"], pressed(4343, "Approve", "102"))
        said = await _until(
            lambda: [
                p.json["text"]
                for p in fake.seen(sent)
                if p.json["chat_id"] == 4343 and "Already" in p.json.get("text", "")
            ]
        )
    assert said == ["Already decided: the approval is denied."]
    decided = (await client.get(f"/api/v1/approvals/{approval_id}", headers=org.headers)).json()
    assert decided["data"]["status"] == "denied"


async def test_whatsapp_reply_buttons_decide_once(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    fake = FakeWhatsApp(TOKEN)
    async with serve_provider(fake):
        channel = await make_whatsapp(client, org, fake)
        # Free-form messages go within the 24 hours after a person wrote: both have.
        for n, wa_id in enumerate(["14155550123", "14155550124"]):
            r = await person_writes(client, channel.id, wa_id, "hello", f"wamid.hello-{n}")
            assert r.status_code == 200, r.text
        run_id, approval_id = await _ask(client, org, channel.id, ["+14155550123", "+14155550124"])
        posted = await _until(
            lambda: len(fake.seen(MESSAGES_PATH)) >= 2 and fake.seen(MESSAGES_PATH)
        )
        request = next(p.json for p in posted if p.json["to"] == "14155550123")
        assert request["type"] == "interactive"
        assert request["interactive"]["body"] == {"text": "Approval needed: Refund 40 EUR?"}
        buttons = {
            b["reply"]["title"]: b["reply"]["id"]
            for b in request["interactive"]["action"]["buttons"]
        }
        assert buttons == {
            "Approve": f"apr:{approval_id}:approve",
            "Deny": f"apr:{approval_id}:deny",
        }
        await _link_all(client, org, channel.id)

        def pressed(wa_id: str, label: str, message_id: str) -> signed.Signed:
            payload = text_payload(wa_id, "", message_id)
            [message] = payload["entry"][0]["changes"][0]["value"]["messages"]
            del message["text"]
            message["type"] = "interactive"
            message["interactive"] = {
                "type": "button_reply",
                "button_reply": {"id": buttons[label], "title": label},
            }
            return signed.whatsapp(APP_SECRET, payload)

        forged = signed.whatsapp(
            "not-the-app-secret", orjson.loads(pressed("14155550123", "Deny", "wamid.forged").body)
        )
        r = await client.post(
            f"{CHANNELS}/{channel.id}/inbound", content=forged.body, headers=forged.headers
        )
        assert r.status_code == 401
        await _post(client, channel.id, pressed("14155550123", "Approve", "wamid.press-1"))
        run = await wait_status(client, org, run_id, {"succeeded", "failed"})
        assert run["output"] == "approved"
        await _post(client, channel.id, pressed("14155550124", "Deny", "wamid.press-2"))
        said = await _until(
            lambda: [
                p.json["text"]["body"]
                for p in fake.seen(MESSAGES_PATH)
                if p.json["to"] == "14155550124" and p.json.get("type") == "text"
            ]
        )
    assert said == ["Already decided: the approval is approved."]
    decided = (await client.get(f"/api/v1/approvals/{approval_id}", headers=org.headers)).json()
    assert decided["data"]["status"] == "approved"
