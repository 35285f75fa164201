"""The approvals inbox: a flow waits, the approver answers from the inbox with edited
values (the API's refusal shown beside the field first), and the run page shows the
outcome; the history lists the answer."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.console.conftest import ConsoleServer, sign_in

pytestmark = pytest.mark.e2e

SCHEMA = {
    "type": "object",
    "required": ["amount"],
    "properties": {"amount": {"type": "integer", "maximum": 500}, "note": {"type": "string"}},
}


def _node(node_id: str, node_type: str, **config: Any) -> dict[str, Any]:
    return {"id": node_id, "data": {"node_type": node_type, "config": config}}


def waiting_refund(server: ConsoleServer, name: str) -> tuple[str, str]:
    """A run of a new flow waiting on an approval for the owner; (run id, approval id)."""
    with server.api() as api:
        me = api.get("/auth/me").json()["data"]
        definition = {
            "nodes": [
                _node("start", "start"),
                _node(
                    "ask",
                    "approval",
                    title="Refund 40 EUR?",
                    assignees=[me["user"]["id"]],
                    payload={"amount": 40, "note": "parcel lost"},
                    payload_schema=SCHEMA,
                ),
                _node("done", "end", output="{{ steps.ask.output.payload.amount }}"),
            ],
            "edges": [
                {"id": "e1", "source": "start", "target": "ask"},
                {"id": "e2", "source": "ask", "target": "done", "label": "approved"},
            ],
        }
        r = api.post("/flows", json={"name": name, "definition": definition})
        assert r.status_code == 201, r.text
        r = api.post(f"/flows/{r.json()['data']['id']}/run", json={"wait_seconds": 10})
        run = r.json()["data"]
        assert run["status"] == "waiting", run
        [approval] = api.get("/approvals/pending", params={"run_id": run["id"]}).json()["data"]
        return run["id"], approval["id"]


def run_status(server: ConsoleServer, run_id: str, wanted: str) -> dict[str, Any]:
    with server.api() as api:
        deadline = time.monotonic() + 30
        while True:
            run: dict[str, Any] = api.get(f"/runs/{run_id}").json()["data"]
            if run["status"] == wanted or time.monotonic() > deadline:
                return run
            time.sleep(0.2)


def test_approve_with_edited_values_from_the_inbox(page: Any, server: ConsoleServer) -> None:
    run_id, approval_id = waiting_refund(server, "refund-edit")
    sign_in(page, server)
    page.get_by_role("link", name="Approvals").click()
    page.get_by_role("link", name="Refund 40 EUR?").click()
    page.wait_for_url(f"**/approvals/{approval_id}")
    detail = page.locator("article.approval")
    assert '"note": "parcel lost"' in detail.locator("pre").first.inner_text()

    page.get_by_role("button", name="Approve with edits…").click()
    page.get_by_label("amount").fill("900")
    page.get_by_role("button", name="Approve with these values").click()
    # The schema's refusal, beside the field it names; nothing decided.
    problem = detail.locator("#decide-" + approval_id + "-arg-amount-error")
    problem.wait_for()
    assert "maximum" in problem.inner_text()
    assert run_status(server, run_id, "waiting")["status"] == "waiting"

    page.get_by_label("amount").fill("120")
    page.get_by_label("Comment").fill("half now")
    page.get_by_role("button", name="Approve with these values").click()
    detail.get_by_text("approved", exact=True).wait_for()
    detail.get_by_text("Approved with these edits").wait_for()
    assert f"by {server.email}" in detail.inner_text()  # the approver, by name, not id

    run = run_status(server, run_id, "succeeded")
    assert run["status"] == "succeeded", run
    assert run["output"] in (120, "120")

    # The run page shows the outcome.
    page.get_by_role("link", name=run_id).click()
    page.wait_for_url(f"**/runs/{run_id}")
    page.get_by_text("succeeded").first.wait_for()

    # The history has it, with the comment.
    page.goto("/approvals/history")
    page.get_by_role("link", name="Refund 40 EUR?").click()
    page.get_by_text("half now").wait_for()


def test_deny_and_the_inbox_empties_live(page: Any, server: ConsoleServer) -> None:
    run_id, approval_id = waiting_refund(server, "refund-deny")
    sign_in(page, server)
    page.goto("/approvals")
    page.locator(f"a[href^='/approvals/{approval_id}']").click()
    page.get_by_role("button", name="Deny", exact=True).click()
    page.locator("article.approval").get_by_text("denied", exact=True).wait_for()
    # Answered elsewhere (the API): the list drops it without a reload.
    other_run, other_id = waiting_refund(server, "refund-elsewhere")
    page.goto("/approvals")
    link = page.locator(f"a[href^='/approvals/{other_id}']")
    link.wait_for()
    with server.api() as api:
        r = api.post(f"/approvals/{other_id}/respond", json={"decision": "approve"})
        assert r.status_code == 200, r.text
    link.wait_for(state="detached")
    # Denied: no edge takes that outcome, so the run ends without reaching `done`.
    denied = run_status(server, run_id, "succeeded")
    [ask] = [s for s in denied["steps"] if s["node_id"] == "ask"]
    assert ask["output"]["decision"] == "denied"
    approved = run_status(server, other_run, "succeeded")
    assert approved["output"] in (40, "40")


def test_an_outbound_confirmation_shows_the_exact_request(page: Any, server: ConsoleServer) -> None:
    canary = "canary-crm-token-4f9a1c"
    with server.api() as api:
        r = api.post(
            "/secrets",
            json={"name": "crm", "kind": "bearer", "value": canary, "hosts": ["crm.example.com"]},
        )
        assert r.status_code == 201, r.text
        definition = {
            "nodes": [
                _node("start", "start"),
                _node(
                    "create_user",
                    "http_request",
                    method="POST",
                    url="https://crm.example.com/v1/users",
                    credential="crm",
                    json={"email": "alva@acme.example"},
                    confirm="always",
                ),
            ],
            "edges": [{"id": "e1", "source": "start", "target": "create_user"}],
        }
        r = api.post("/flows", json={"name": "crm-user", "definition": definition})
        assert r.status_code == 201, r.text
        run = api.post(f"/flows/{r.json()['data']['id']}/run", json={"wait_seconds": 10})
        run_id = run.json()["data"]["id"]
        [approval] = api.get("/approvals/pending", params={"run_id": run_id}).json()["data"]
    sign_in(page, server)
    page.goto(f"/approvals/{approval['id']}")
    request = page.get_by_role("region", name="The request to be sent")
    request.get_by_text("POST").first.wait_for()
    assert "https://crm.example.com/v1/users" in request.inner_text()
    header = request.get_by_role("row").filter(has_text="Authorization")
    assert header.get_by_role("cell").inner_text() == "***"
    assert '"email": "alva@acme.example"' in request.inner_text()
    assert request.locator("code.hash").inner_text() == approval["payload"]["request_hash"]
    assert canary not in page.content()

    page.get_by_label("Comment").fill("not this one")
    page.get_by_role("button", name="Deny", exact=True).click()
    page.locator("article.approval").get_by_text("denied", exact=True).wait_for()
    failed = run_status(server, run_id, "failed")
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "DENIED"
