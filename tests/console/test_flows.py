"""The flow pages in a browser: build a flow on the canvas by mouse, save, run it live;
problems on the right node; hostile names stay text; the list's search and file import."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.console.conftest import ConsoleServer, sign_in

pytestmark = pytest.mark.e2e


def node(page: Any, node_id: str) -> Any:
    return page.locator(f'.react-flow__node[data-id="{node_id}"]')


def drag_connect(page: Any, source: str, outcome: str, target: str) -> None:
    """Press on the source's outcome handle, move to the target's input, release."""
    start = node(page, source).locator(f'.react-flow__handle.source[data-handleid="{outcome}"]')
    end = node(page, target).locator(".react-flow__handle.target")
    a, b = start.bounding_box(), end.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=12)
    page.mouse.up()
    edge = page.locator(f'.react-flow__edge[data-id="{source}_{outcome}_{target}"]')
    edge.wait_for(state="attached")  # a straight edge may have no width: "visible" would wait


def type_into(page: Any, field: Any, text: str) -> None:
    """Replace a CodeMirror field's text by clicking into it and typing."""
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
    page.keyboard.press("Escape")  # close the autocomplete list, if open


def state_of(page: Any, node_id: str) -> str:
    state: str = node(page, node_id).locator(".flow-node").get_attribute("data-state")
    return state


def new_flow(page: Any, name: str) -> None:
    page.get_by_role("link", name="Flows").click()
    page.get_by_role("button", name="New flow").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_role("button", name="Create and edit").click()
    node(page, "start").wait_for()


def test_build_save_and_run_a_flow_by_mouse(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        owner_id = api.get("/auth/me").json()["data"]["user"]["id"]
    sign_in(page, server)
    new_flow(page, "Greeter")

    page.get_by_role("button", name="Add approval node").click()
    type_into(page, page.locator("#config-approval_title"), "Greet {{ input.name }}?")
    page.locator("#config-approval_assignees__add").click()
    type_into(page, page.locator("#config-approval_assignees_0"), owner_id)
    page.get_by_role("button", name="Add set node").click()
    type_into(
        page, page.get_by_label("Values", exact=True).last, '{"greeting": "Hello {{ input.name }}"}'
    )
    page.get_by_role("button", name="Add end node").click()
    type_into(page, page.get_by_label("Output", exact=True).last, '"{{ vars.greeting }}"')

    drag_connect(page, "start", "next", "approval")
    drag_connect(page, "approval", "approved", "set")
    drag_connect(page, "set", "next", "end")
    page.get_by_role("status").filter(has_text="No problems").wait_for()

    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved version 2 (active).").wait_for()

    with server.api() as api:
        flow = next(f for f in api.get("/flows", params={"q": "Greeter"}).json()["data"])
        saved = api.get(f"/flows/{flow['id']}").json()["data"]
    assert saved["status"] == "active"
    assert [n["id"] for n in saved["definition"]["nodes"]] == ["start", "approval", "set", "end"]
    assert {(e["source"], e["label"], e["target"]) for e in saved["definition"]["edges"]} == {
        ("start", "next", "approval"),
        ("approval", "approved", "set"),
        ("set", "next", "end"),
    }
    assert saved["definition"]["nodes"][2]["data"]["config"] == {
        "values": {"greeting": "Hello {{ input.name }}"}
    }

    page.get_by_role("button", name="Run…").click()
    type_into(page, page.get_by_label("Run input (JSON)"), '{"name": "Ada"}')
    page.get_by_role("button", name="Start run").click()
    page.wait_for_url(re.compile(r"/runs/run_"))
    run_id = page.url.rsplit("/", 1)[1]

    # The run waits for the approval: start is green, the rest not yet.
    page.locator(
        '.react-flow__node[data-id="approval"] .flow-node[data-state="waiting"]'
    ).wait_for()
    assert state_of(page, "start") == "succeeded"
    assert state_of(page, "set") == ""
    assert state_of(page, "end") == ""

    # Approved elsewhere (the API): the page hears it live and turns every node green.
    with server.api() as api:
        assert api.post(f"/runs/{run_id}/approve").status_code == 200
    for node_id in ("approval", "set", "end"):
        node(page, node_id).locator('.flow-node[data-state="succeeded"]').wait_for()
    page.get_by_label("Run status: succeeded").wait_for()
    page.get_by_text('"Hello Ada"').first.wait_for()


def test_a_problem_shows_on_its_node_and_goes_when_fixed(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    new_flow(page, "Checked")
    page.get_by_role("button", name="Add condition node").click()
    drag_connect(page, "start", "next", "condition")

    problems = node(page, "condition").locator(".flow-node-problems")
    problems.get_by_text("expression: Field required").wait_for()
    assert node(page, "start").locator(".flow-node-problems").count() == 0
    page.get_by_role("status").filter(has_text="1 problem").wait_for()

    type_into(page, page.locator("#config-condition_expression"), "input.vip == true")
    problems.wait_for(state="detached")
    page.get_by_role("status").filter(has_text="No problems").wait_for()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved version 2 (active).").wait_for()


def test_template_autocomplete_offers_steps_and_input(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    new_flow(page, "Completer")
    page.get_by_role("button", name="Add set node").click()
    page.get_by_role("button", name="Add http_request node").click()
    url = page.locator("#config-http_request_url")
    url.click()
    page.keyboard.type("{{ steps.")
    options = page.locator(".cm-tooltip-autocomplete li")
    options.filter(has_text="set").first.wait_for()
    assert not any("http_request" in text for text in options.all_inner_texts())  # not itself
    options.filter(has_text="set").first.click()
    page.keyboard.type(".")
    options.filter(has_text="output").click()
    assert "{{ steps.set.output" in url.inner_text()

    url.click()
    page.keyboard.press("End")
    page.keyboard.type(" }} {{ inp")
    options.filter(has_text="input.").click()
    assert url.inner_text().strip().endswith("{{ input.")


def test_hostile_flow_name_is_shown_as_text(page: Any, server: ConsoleServer) -> None:
    name = "<img src=x onerror=alert(1)>"
    with server.api() as api:
        made = api.post("/flows", json={"name": name, "definition": {"nodes": []}})
        assert made.status_code == 201, made.text
        flow_id = made.json()["data"]["id"]
    sign_in(page, server)
    page.get_by_role("link", name=name).wait_for()
    assert page.locator("main img").count() == 0
    page.get_by_role("link", name=name).click()
    page.get_by_role("heading", name=name).wait_for()
    assert page.locator("main img").count() == 0
    assert flow_id in page.url
    # The watch fixture fails the test if any dialog (alert) opened.


def test_search_status_and_import_a_flow_file(
    page: Any, server: ConsoleServer, tmp_path: Path
) -> None:
    with server.api() as api:
        for name in ("Invoices nightly", "Invoices weekly", "Onboarding"):
            api.post("/flows", json={"name": name, "definition": {"nodes": []}})
    sign_in(page, server)
    page.get_by_label("Search").fill("invoices")
    page.get_by_role("link", name="Invoices weekly").wait_for()
    page.get_by_role("link", name="Onboarding").wait_for(state="detached")
    assert "q=invoices" in page.url
    # Saved without a start node, they are drafts.
    page.get_by_label("Status").select_option("active")
    page.get_by_text("No flows match.").wait_for()
    page.get_by_label("Status").select_option("draft")
    page.get_by_role("link", name="Invoices weekly").wait_for()
    page.get_by_label("Status").select_option("")
    page.get_by_label("Search").fill("")
    page.get_by_role("link", name="Onboarding").wait_for()

    bad = tmp_path / "broken.yaml"
    bad.write_text("name: [unclosed\n")
    page.get_by_label("Flow file (YAML or JSON)").set_input_files(str(bad))
    page.get_by_role("alert").filter(has_text="broken.yaml cannot be read").wait_for()

    good = tmp_path / "from-file.yaml"
    good.write_text(
        "name: From a file\n"
        "definition:\n"
        "  nodes:\n"
        "    - id: start\n"
        "      data: {node_type: start}\n"
        "    - id: done\n"
        "      data: {node_type: end, config: {output: ok}}\n"
        "  edges:\n"
        "    - {id: e1, source: start, target: done}\n"
    )
    page.get_by_label("Flow file (YAML or JSON)").set_input_files(str(good))
    page.get_by_role("heading", name="From a file").wait_for()
    node(page, "done").wait_for()  # laid out by dagre: the file has no positions
    box_start, box_done = node(page, "start").bounding_box(), node(page, "done").bounding_box()
    assert box_done["y"] > box_start["y"] + box_start["height"] / 2


def approval_flow(api: Any, name: str) -> dict[str, Any]:
    """A flow that waits for the owner's approval, made through the API."""
    owner_id = api.get("/auth/me").json()["data"]["user"]["id"]
    config = {"title": "Go?", "assignees": [owner_id]}
    definition = {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {"id": "ok", "data": {"node_type": "approval", "config": config}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "ok"}],
    }
    made = api.post("/flows", json={"name": name, "definition": definition})
    assert made.status_code == 201, made.text
    flow: dict[str, Any] = made.json()["data"]
    assert flow["status"] == "active", flow["problems"]
    return flow


def test_runs_list_updates_live(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        flow = approval_flow(api, "Live list")
        first = api.post(f"/flows/{flow['id']}/run", json={"input": {}}).json()["data"]
    sign_in(page, server)
    page.goto(f"/runs?flow_id={flow['id']}")
    row = page.locator(f'tr[data-run-id="{first["id"]}"]')
    row.locator(".badge.waiting").wait_for()

    with server.api() as api:
        api.post(f"/runs/{first['id']}/approve")
        second = api.post(f"/flows/{flow['id']}/run", json={"input": {}}).json()["data"]
    row.locator(".badge.succeeded").wait_for()
    page.locator(f'tr[data-run-id="{second["id"]}"]').wait_for()

    page.get_by_label("Status").select_option("succeeded")
    page.locator(f'tr[data-run-id="{second["id"]}"]').wait_for(state="detached")
    assert "status=succeeded" in page.url
    assert json.loads(json.dumps(page.url.count("flow_id="))) == 1


def test_versions_show_a_diff(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        flow = approval_flow(api, "Diffed")
        definition = api.get(f"/flows/{flow['id']}").json()["data"]["definition"]
        definition["nodes"][1]["data"]["config"]["title"] = "Really go?"
        api.put(f"/flows/{flow['id']}", json={"name": "Diffed", "definition": definition})
    sign_in(page, server)
    page.goto(f"/flows/{flow['id']}")
    node(page, "ok").wait_for()
    page.get_by_role("button", name="Versions").click()
    page.get_by_label("with").select_option("2")
    diff = page.get_by_label("Differences")
    diff.locator(".removed").filter(has_text='"title": "Go?"').wait_for()
    diff.locator(".added").filter(has_text='"title": "Really go?"').wait_for()

    versions = page.get_by_role("dialog").locator("tbody tr")  # newest first
    versions.last.get_by_role("button", name="Open in editor").click()
    page.get_by_text("Unsaved changes").wait_for()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved version 3 (active).").wait_for()
    with server.api() as api:
        saved = api.get(f"/flows/{flow['id']}").json()["data"]
    assert saved["definition"]["nodes"][1]["data"]["config"]["title"] == "Go?"


def test_keyboard_adds_and_connects_nodes(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    new_flow(page, "By keyboard")
    page.get_by_role("button", name="Add end node").focus()
    page.keyboard.press("Enter")
    node(page, "end").wait_for()

    node(page, "start").focus()  # canvas nodes take focus; Enter selects
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="start node").wait_for()
    page.get_by_label("go to").focus()
    page.keyboard.press("ArrowDown")  # "choose a node…" → end
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Connect
    page.locator('.react-flow__edge[data-id="start_next_end"]').wait_for(state="attached")
    page.get_by_role("status").filter(has_text="No problems").wait_for()


def test_hook_schedules_and_run_input_errors(page: Any, server: ConsoleServer) -> None:
    definition = {
        "nodes": [
            {
                "id": "start",
                "data": {
                    "node_type": "start",
                    "config": {"input_schema": {"type": "object", "required": ["name"]}},
                },
            },
            {"id": "done", "data": {"node_type": "end", "config": {"output": "{{ input.name }}"}}},
        ],
        "edges": [{"id": "e1", "source": "start", "target": "done"}],
    }
    with server.api() as api:
        flow = api.post("/flows", json={"name": "Panels", "definition": definition}).json()["data"]
    sign_in(page, server)
    page.goto(f"/flows/{flow['id']}")
    node(page, "done").wait_for()

    page.get_by_role("button", name="Hook").click()
    page.get_by_role("button", name="Make a hook URL").click()
    url = page.get_by_label("Hook URL (copy it now)").input_value()
    assert url.startswith(f"{server.base_url}/api/v1/hooks/")
    started = httpx.post(url, json={"name": "Hooked"}, timeout=30)
    assert started.status_code == 202, started.text
    page.get_by_role("button", name="Remove the hook").click()
    page.get_by_text("The hook is removed").wait_for()
    assert httpx.post(url, json={"name": "again"}, timeout=30).status_code == 404
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Schedules").click()
    page.get_by_label("Name", exact=True).last.fill("Weekday mornings")
    page.get_by_label("Cron (5 fields)").fill("not a cron")
    page.get_by_role("button", name="Add schedule").click()
    cron_field = page.locator(".stack", has=page.locator("#schedule-cron")).last
    cron_field.locator(".field-error").wait_for()  # the API's problem, beside the field
    page.get_by_label("Cron (5 fields)").fill("0 9 * * 1-5")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Add schedule").click()
    row = page.get_by_role("row").filter(has_text="Weekday mornings")
    row.wait_for()
    assert "Europe/Berlin" in row.inner_text()
    row.get_by_role("button", name="Pause").click()
    row.get_by_text("paused").wait_for()
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Run…").click()
    page.get_by_role("button", name="Start run").click()  # {} lacks the required name
    page.get_by_role("alert").filter(has_text="Not started").get_by_text("input").first.wait_for()
    assert "/runs/" not in page.url
