"""The run page in a browser: cancel, retry and approve; steps with their data; events."""

from __future__ import annotations

from typing import Any

import pytest

from tests.console.conftest import ConsoleServer, sign_in
from tests.console.test_flows import approval_flow, node

pytestmark = pytest.mark.e2e

FAILING = {
    "nodes": [
        {"id": "start", "data": {"node_type": "start"}},
        {
            "id": "greet",
            "data": {"node_type": "set", "config": {"values": {"g": "{{ input.x.y }}"}}},
        },
    ],
    "edges": [{"id": "e1", "source": "start", "target": "greet"}],
}


def test_cancel_a_waiting_run(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        flow = approval_flow(api, "To cancel")
        run = api.post(f"/flows/{flow['id']}/run", json={"input": {"n": 1}}).json()["data"]
    sign_in(page, server)
    page.goto(f"/runs/{run['id']}")
    node(page, "ok").locator('.flow-node[data-state="waiting"]').wait_for()
    page.get_by_role("button", name="Cancel run").click()
    page.get_by_label("Run status: cancelled").wait_for()
    node(page, "ok").locator('.flow-node[data-state="cancelled"]').wait_for()
    page.get_by_label("Events").get_by_text("run.cancelled").wait_for()
    assert page.get_by_role("button", name="Cancel run").count() == 0
    with server.api() as api:
        assert api.get(f"/runs/{run['id']}").json()["data"]["status"] == "cancelled"


def test_approve_from_the_run_page(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        flow = approval_flow(api, "To approve")
        run = api.post(f"/flows/{flow['id']}/run", json={"input": {}}).json()["data"]
    sign_in(page, server)
    page.goto(f"/runs/{run['id']}")
    page.get_by_label("Run status: waiting").wait_for()
    page.get_by_role("button", name="Approve").click()
    page.get_by_label("Run status: succeeded").wait_for()
    node(page, "ok").locator('.flow-node[data-state="succeeded"]').wait_for()


def test_failed_run_shows_its_error_and_retries(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        flow = api.post("/flows", json={"name": "Fails", "definition": FAILING}).json()["data"]
        run = api.post(
            f"/flows/{flow['id']}/run", json={"input": {"x": 1}, "wait_seconds": 30}
        ).json()["data"]
        assert run["status"] == "failed"
    sign_in(page, server)
    page.goto(f"/runs/{run['id']}")
    page.get_by_role("alert").filter(has_text="EXPRESSION_ERROR").wait_for()
    node(page, "greet").locator('.flow-node[data-state="failed"]').wait_for()

    row = page.locator('tr[data-step-node="start"]')
    row.get_by_text("Show").click()
    assert '"x": 1' in row.locator("pre").nth(1).inner_text()  # the start step's output

    page.get_by_role("button", name="Retry").click()
    page.get_by_text("1 (retry 1)").wait_for()  # the second attempt group of greet
    page.get_by_label("Run status: failed").wait_for()
    page.get_by_label("Events").get_by_text("run.retried").wait_for()


def test_a_run_of_an_older_version_shows_that_version(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        flow = approval_flow(api, "Versioned")
        run = api.post(f"/flows/{flow['id']}/run", json={"input": {}}).json()["data"]
        current = api.get(f"/flows/{flow['id']}").json()["data"]
        definition = current["definition"]
        definition["nodes"][1]["id"] = "renamed"
        definition["edges"][0]["target"] = "renamed"
        changed = api.put(
            f"/flows/{flow['id']}", json={"name": current["name"], "definition": definition}
        )
        assert changed.status_code == 200, changed.text
    sign_in(page, server)
    page.goto(f"/runs/{run['id']}")
    page.get_by_text("(version 1)").wait_for()
    node(page, "ok").locator('.flow-node[data-state="waiting"]').wait_for()
    assert node(page, "renamed").count() == 0
