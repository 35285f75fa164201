"""Screenshots of the console's main pages for docs/console.md, made with Playwright.

Run ``python -m scripts.console_screenshots`` (from the repository root). It starts
``flowline serve`` on SQLite in a temporary data dir, makes a few flows and runs
through the API, and writes ``docs/console/*.png`` at 1280x800 with Debian's Chromium.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from tests.console.serve import ConsoleServer, launch_chromium, start_server, stop_server

OUT = Path(__file__).resolve().parent.parent / "docs" / "console"


def onboarding(owner_id: str) -> dict[str, Any]:
    return {
        "nodes": [
            {"id": "start", "position": {"x": 0, "y": 0}, "data": {"node_type": "start"}},
            {
                "id": "check",
                "position": {"x": 0, "y": 140},
                "data": {"node_type": "condition", "config": {"expression": "input.vip"}},
            },
            {
                "id": "ask_manager",
                "position": {"x": -160, "y": 290},
                "data": {
                    "node_type": "approval",
                    "config": {"title": "Welcome {{ input.name }}?", "assignees": [owner_id]},
                },
            },
            {
                "id": "greet",
                "position": {"x": 160, "y": 290},
                "data": {
                    "node_type": "set",
                    "config": {"values": {"greeting": "Hello {{ input.name }}"}},
                },
            },
            {
                "id": "done",
                "position": {"x": 0, "y": 450},
                "data": {"node_type": "end", "config": {"output": "{{ vars.greeting }}"}},
            },
        ],
        "edges": [
            {"id": "e1", "source": "start", "target": "check"},
            {"id": "e2", "source": "check", "target": "ask_manager", "label": "true"},
            {"id": "e3", "source": "check", "target": "greet", "label": "false"},
            {"id": "e4", "source": "ask_manager", "target": "greet", "label": "approved"},
            {"id": "e5", "source": "greet", "target": "done"},
        ],
    }


def seed(server: ConsoleServer) -> dict[str, str]:
    with server.api() as api:
        owner_id = api.get("/auth/me").json()["data"]["user"]["id"]
        flow = api.post(
            "/flows",
            json={
                "name": "Employee onboarding",
                "description": "Greet new people; VIPs need a manager's yes",
                "definition": onboarding(owner_id),
            },
        ).json()["data"]
        for name in ("Nightly invoices", "Slack digest"):
            api.post("/flows", json={"name": name, "definition": {"nodes": []}})
        done = api.post(
            f"/flows/{flow['id']}/run",
            json={"input": {"name": "Ada", "vip": False}, "wait_seconds": 10},
        ).json()["data"]
        api.post(f"/flows/{flow['id']}/run", json={"input": {"name": "Grace", "vip": True}})
        api.post(f"/flows/{flow['id']}/run", json={"input": {}, "wait_seconds": 10})
        edited = onboarding(owner_id)
        edited["nodes"][3]["data"]["config"]["values"]["greeting"] = "Welcome, {{ input.name }}!"
        api.put(
            f"/flows/{flow['id']}",
            json={"name": flow["name"], "description": flow["description"], "definition": edited},
        )
        agent = api.post(
            "/agents",
            json={
                "name": "Front desk",
                "description": "Answers visitors; saves what they ask for",
                "config": {
                    "instructions": "Be brief and friendly.",
                    "tools": ["kv_get", "kv_set", "current_time"],
                    "approval": {"kv_set": "always"},
                },
            },
        ).json()["data"]
    return {"flow": flow["id"], "run": done["id"], "agent": agent["id"]}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as root:
        process, server = start_server(Path(root))
        try:
            ids = seed(server)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                base = server.base_url
                page.goto(f"{base}/login")
                page.screenshot(path=OUT / "sign-in.png")
                page.get_by_label("Email").fill(server.email)
                page.get_by_label("Password").fill(server.password)
                page.get_by_role("button", name="Sign in").click()
                page.get_by_role("link", name="Employee onboarding").wait_for()
                page.screenshot(path=OUT / "flows.png")

                page.goto(f"{base}/flows/{ids['flow']}")
                page.locator('.react-flow__node[data-id="ask_manager"]').click()
                page.locator("#config-ask_manager_title").wait_for()
                page.screenshot(path=OUT / "editor.png")

                page.get_by_role("button", name="Versions").click()
                page.get_by_label("Differences").wait_for()
                page.get_by_label("with").select_option("2")
                page.screenshot(path=OUT / "versions.png")
                page.keyboard.press("Escape")

                page.goto(f"{base}/runs")
                page.locator(".badge.waiting").first.wait_for()
                page.screenshot(path=OUT / "runs.png")

                page.goto(f"{base}/runs/{ids['run']}")
                page.get_by_label("Run status: succeeded").wait_for()
                page.locator(".flow-node").first.wait_for()
                page.screenshot(path=OUT / "run.png", full_page=True)

                # The people pages: the inbox (Grace's run waits on its manager), an
                # agent's configuration, a chat with an approval answered inline,
                # settings.
                page.goto(f"{base}/approvals")
                page.get_by_role("link", name="Welcome Grace?").click()
                page.get_by_role("button", name="Approve with edits…").wait_for()
                page.screenshot(path=OUT / "approvals.png")

                page.goto(f"{base}/agents/{ids['agent']}")
                page.get_by_role("button", name="Save configuration").wait_for()
                page.screenshot(path=OUT / "agent.png")

                page.goto(f"{base}/chat/{ids['agent']}")
                page.get_by_label("Message").fill("hello")
                page.get_by_label("Message").press("Enter")
                page.get_by_text("echo: hello").wait_for()
                page.get_by_label("Message").fill('call kv_set {"key": "city", "value": "Paris"}')
                page.get_by_label("Message").press("Enter")
                page.get_by_role("region", name="Allow kv_set to run?").wait_for()
                page.screenshot(path=OUT / "chat.png")

                page.goto(f"{base}/settings/usage")
                page.locator(".chart canvas").first.wait_for()
                page.screenshot(path=OUT / "settings.png")
                browser.close()
        finally:
            stop_server(process)
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} to {OUT}")


if __name__ == "__main__":
    main()
