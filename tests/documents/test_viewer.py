"""The document viewer: attachments' and knowledge documents' text, scoped and bounded."""

from __future__ import annotations

import httpx

from flowline.engine.worker import Worker
from tests.agents.builders import make_agent
from tests.attachments.test_router import upload
from tests.factories import Factory, Org
from tests.knowledge.builders import add_text, docx_bytes, make_kb
from tests.memory.test_archive import save

VIEWER = "/api/v1/documents/viewer"


async def view(
    client: httpx.AsyncClient, org: Org, item_id: str, **params: object
) -> httpx.Response:
    return await client.get(VIEWER, params={"id": item_id, **params}, headers=org.headers)


async def test_an_attachment_reads_as_its_parsed_text(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    made = (await upload(client, org, docx_bytes("Refunds take five days."), "policy.docx")).json()
    r = await view(client, org, made["data"]["id"])
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["source"] == "attachment"
    assert data["kind"] == "docx"
    assert data["text"].strip() == "Refunds take five days."
    assert data["truncated"] is False
    short = (await view(client, org, made["data"]["id"], max_chars=7)).json()["data"]
    assert short["text"] == "Refunds"
    assert short["truncated"] is True
    assert short["characters"] == data["characters"]
    assert (await view(client, other, made["data"]["id"])).status_code == 404


async def test_a_knowledge_document_reads_as_its_text_and_an_archive_does_not(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    kb_id = await make_kb(client, org)
    document = await add_text(client, org, kb_id, "hours.md", "# Hours\n\nOpen 9 to 5.")
    r = await view(client, org, document["id"])
    assert r.status_code == 200, r.text
    assert r.json()["data"]["source"] == "knowledge_document"
    assert "Open 9 to 5." in r.json()["data"]["text"]
    assert (await view(client, other, document["id"])).status_code == 404
    passage = await save(client, org, await make_agent(client, org), "A private note.")
    assert (await view(client, org, passage.json()["data"]["id"])).status_code == 404


async def test_bad_ids_and_unreadable_files_are_refused_by_field(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await view(client, org, "run_01m98c4rn424a7xhtmpv1g351a")
    assert r.status_code == 422
    assert "id" in r.text
    made = (await upload(client, org, b"\x00\x01 not a pdf", "scan.pdf")).json()["data"]
    r = await view(client, org, made["id"])
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "DOCUMENT_UNREADABLE"
    assert r.json()["details"][0]["field"] == "id"
