"""``/artifacts``: types, content, state rules, follow-up and scheduled tasks,
interactions, DOCX, and meeting invites by email."""

from __future__ import annotations

import asyncio
import io

import httpx
from docx import Document

from flowline.engine.worker import Worker
from tests.artifacts.builders import (
    SMTP_PASSWORD,
    SMTP_USER,
    URL,
    make_artifact,
    make_conversation,
    make_email_channel,
)
from tests.factories import Factory
from tests.fakes.smtp_server import FakeSmtp, serve_smtp
from tests.tasks.test_router import make_agent

EMAIL = {"to": ["ada@example.org"], "subject": "Quote", "body": "Dear Ada,\n\nHere it is."}


async def test_types_describe_states_and_content(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await client.get(URL + "/types", headers=org.headers)
    assert r.status_code == 200
    types = {t["name"]: t for t in r.json()["data"]}
    assert set(types) == {"email_draft", "meeting", "task", "document", "table"}
    email = types["email_draft"]
    assert email["initial_state"] == "draft"
    assert email["transitions"]["draft"] == ["discarded", "scheduled", "sent"]
    assert email["transitions"]["sent"] == []
    assert "subject" in email["content_schema"]["properties"]


async def test_content_and_state_rules(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    conversation = await make_conversation(client, org)
    art = await make_artifact(client, org, "email_draft", EMAIL, conversation_id=conversation)
    assert (art["state"], art["title"]) == ("draft", "Quote")
    url = f"{URL}/{art['id']}"
    r = await client.patch(
        url + "/content", json={"content": {"to": ["nope"]}}, headers=org.headers
    )
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "content.to.0"
    r = await client.patch(
        url + "/content", json={"content": {"subject": "Quote v2", "cc": None}}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["content"]["subject"] == "Quote v2"
    assert r.json()["data"]["content"]["body"] == EMAIL["body"]
    r = await client.patch(url + "/state", json={"state": "scheduled"}, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "scheduled_at"
    when = "2030-01-02T09:00:00Z"
    r = await client.patch(
        url + "/state", json={"state": "scheduled", "scheduled_at": when}, headers=org.headers
    )
    assert r.json()["data"]["state"] == "scheduled"
    r = await client.patch(url + "/state", json={"state": "sent"}, headers=org.headers)
    assert r.json()["data"]["allowed_states"] == []
    r = await client.patch(url + "/state", json={"state": "draft"}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "ILLEGAL_TRANSITION"
    assert "'sent' is final for a email_draft" in r.json()["message"]
    r = await client.patch(url + "/content", json={"title": "x"}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "ARTIFACT_NOT_EDITABLE"
    r = await client.get(f"{URL}/conversation/{conversation}", headers=org.headers)
    assert [a["id"] for a in r.json()["data"]] == [art["id"]]


async def test_follow_up_interaction_docx_and_scheduled_task(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    doc = await make_artifact(
        client, org, "document", {"title": "Plan", "body": "First.\n\nSecond."}
    )
    url = f"{URL}/{doc['id']}"
    r = await client.post(url + "/create-task", json={"assignee": "ada"}, headers=org.headers)
    assert r.status_code == 201, r.text
    task = r.json()["data"]
    assert (task["type"], task["state"]) == ("task", "open")
    assert task["content"]["source_artifact_id"] == doc["id"]
    r = await client.post(url + "/interaction", json={"action": "viewed"}, headers=org.headers)
    assert r.status_code == 201
    r = await client.post(url + "/interaction", json={"action": "stared"}, headers=org.headers)
    assert r.status_code == 422
    r = await client.get(url + "/download", headers=org.headers)
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    texts = [p.text for p in Document(io.BytesIO(r.content)).paragraphs]
    assert texts == ["Plan", "First.", "Second."]
    agent = await make_agent(client, org)
    body = {"agent_id": agent, "cron": "0 9 * * 1-5", "timezone": "America/New_York"}
    r = await client.post(url + "/scheduled-task", json=body, headers=org.headers)
    assert r.status_code == 200, r.text
    first = r.json()["data"]
    assert first["artifact_id"] == doc["id"]
    assert first["prompt"].startswith("Plan")
    r = await client.post(
        url + "/scheduled-task", json={**body, "cron": "0 10 * * *"}, headers=org.headers
    )
    assert (r.json()["data"]["id"], r.json()["data"]["cron"]) == (first["id"], "0 10 * * *")
    r = await client.post(
        url + "/scheduled-task/active", json={"active": False}, headers=org.headers
    )
    assert r.json()["data"]["active"] is False
    r = await client.get(url, headers=org.headers)
    assert r.json()["data"]["task_id"] == first["id"]
    r = await client.delete(url + "/scheduled-task", headers=org.headers)
    assert r.status_code == 204
    r = await client.delete(url + "/scheduled-task", headers=org.headers)
    assert r.status_code == 404


async def test_meeting_invite_goes_out_by_email(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    meeting = await make_artifact(
        client,
        org,
        "meeting",
        {"title": "Kick-off", "start": "2030-03-04T10:00:00Z", "attendees": ["ada@example.org"]},
    )
    url = f"{URL}/{meeting['id']}/schedule-meeting"
    r = await client.post(url, json={}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["details"][0]["field"] == "channel_id"
    async with serve_smtp(FakeSmtp(SMTP_USER, SMTP_PASSWORD)) as smtp:
        await make_email_channel(client, org, smtp.port)
        r = await client.post(url, json={}, headers=org.headers)
        assert r.status_code == 200, r.text
        assert r.json()["data"]["artifact"]["state"] == "scheduled"
        for _ in range(400):  # the send is the worker's, after the 200
            if smtp.mail:
                break
            await asyncio.sleep(0.05)
    mail = smtp.mail[0]
    assert mail.recipients == ["ada@example.org"]
    parts = [p for p in mail.message.walk() if p.get_content_type() == "text/calendar"]
    ics = parts[0].get_content()
    assert "METHOD:REQUEST" in ics
    assert f"UID:{meeting['id']}@flowline" in ics
    assert "DTSTART:20300304T100000Z" in ics
    r = await client.post(url, json={}, headers=org.headers)
    assert r.status_code == 409
    assert r.json()["error"] == "ILLEGAL_TRANSITION"


async def test_other_organisations_see_nothing(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    conversation = await make_conversation(client, org)
    art = await make_artifact(client, org, "table", {"columns": ["a"], "rows": [[1]]})
    for method, path in (
        ("GET", ""),
        ("GET", "/download"),
        ("PATCH", "/state"),
        ("POST", "/interaction"),
        ("POST", "/create-task"),
    ):
        body = (
            {"state": "final"}
            if path == "/state"
            else {"action": "viewed"}
            if "inter" in path
            else {}
        )
        r = await client.request(
            method, f"{URL}/{art['id']}{path}", json=body, headers=other.headers
        )
        assert r.status_code == 404, (path, r.text)
    r = await client.get(f"{URL}/conversation/{conversation}", headers=other.headers)
    assert r.status_code == 404
    r = await client.post(
        URL, json={"type": "document", "conversation_id": conversation}, headers=other.headers
    )
    assert r.status_code == 404, r.text
    assert r.json()["details"] == [
        {"field": "conversation_id", "problem": "not a conversation of this organisation"}
    ]


async def test_text_a_docx_cannot_hold_is_left_out_of_the_download(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    content = {"columns": ["name", "n"], "rows": [["a\x02b", 1], ["c\x1fd", 2]]}
    art = await make_artifact(client, org, "table", content, title="T\x01able")
    r = await client.get(f"/api/v1/artifacts/{art['id']}/download", headers=org.headers)
    assert r.status_code == 200, r.text
    document = Document(io.BytesIO(r.content))
    assert document.paragraphs[0].text == "Table"
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert cells == [["name", "n"], ["ab", "1"], ["cd", "2"]]


async def test_each_types_content_is_in_the_schema_and_read_strictly(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """The document states each type's content (``if`` type ``then`` content), and the
    server keeps to it: a number for a date is refused, not taken as 1970 (found by
    schema fuzzing)."""
    r = await client.get("/openapi.json")
    schema = r.json()["components"]["schemas"]["ArtifactCreate"]
    by_type = {rule["if"]["properties"]["type"]["const"]: rule["then"] for rule in schema["allOf"]}
    assert set(by_type) == {"email_draft", "meeting", "task", "document", "table"}
    assert by_type["task"]["properties"]["content"]["additionalProperties"] is False
    org = await factory.org()
    body = {"type": "task", "content": {"title": "Call back", "due": 0}}
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 422, r.text
    assert r.json()["details"][0]["field"] == "content.due"
    body["content"] = {"title": "Call back", "due": "2030-01-02T09:00:00Z"}
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["content"]["due"] == "2030-01-02T09:00:00Z"


async def test_a_title_that_is_no_name_still_names_the_scheduled_task(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """A title of several lines or only spaces made the task's name invalid: 500 (found
    by schema fuzzing). The name is the title on one line, or the artifact's id."""
    org = await factory.org()
    agent = await make_agent(client, org)
    for title, expected in (("Call\nback\x07 soon", "Call back soon"), ("   ", None)):
        body = {"type": "task", "title": title, "content": {"title": "x"}}
        r = await client.post(URL, json=body, headers=org.headers)
        assert r.status_code == 201, r.text
        art = r.json()["data"]
        r = await client.post(
            f"{URL}/{art['id']}/scheduled-task",
            json={"agent_id": agent, "cron": "@yearly"},
            headers=org.headers,
        )
        assert r.status_code in (200, 201), r.text
        assert r.json()["data"]["name"] == (expected or f"Artifact {art['id']}")
