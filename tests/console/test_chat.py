"""The chat playground and the agents pages: talk to an agent (the offline echo model),
approve its tool call inline, see the thread and its timeline; configure an agent."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.console.conftest import ConsoleServer, sign_in

pytestmark = pytest.mark.e2e


def make_agent(server: ConsoleServer, name: str, config: dict[str, Any]) -> str:
    with server.api() as api:
        r = api.post("/agents", json={"name": name, "config": config})
        assert r.status_code == 201, r.text
        agent_id: str = r.json()["data"]["id"]
        return agent_id


def test_chat_streams_and_a_tool_call_is_approved_inline(page: Any, server: ConsoleServer) -> None:
    agent_id = make_agent(server, "keeper", {"tools": ["kv_set"], "approval": {"kv_set": "always"}})
    sign_in(page, server)
    page.get_by_role("link", name="Chat").click()
    page.get_by_label("Agent", exact=True).select_option(label="keeper")
    page.wait_for_url(f"**/chat/{agent_id}")

    box = page.get_by_label("Message")
    box.fill("hello there")
    box.press("Enter")
    log = page.get_by_role("log", name="Conversation")
    log.get_by_text("echo: hello there").wait_for()
    page.wait_for_url(f"**/chat/{agent_id}?thread=cnv_*")
    thread_id = page.url.split("thread=")[1]
    page.get_by_role("complementary").get_by_role("link", name="hello there").wait_for()

    call = 'call kv_set {"key": "city", "value": "Paris"}'
    box.fill(call)
    page.get_by_role("button", name="Send").click()
    ask = page.get_by_role("region", name="Allow kv_set to run?")
    ask.wait_for()
    assert json.loads(ask.locator("pre").inner_text()) == {"key": "city", "value": "Paris"}
    with server.api() as api:
        assert api.get("/kv/city").status_code == 404  # nothing runs before the answer
    ask.get_by_role("button", name="Approve", exact=True).click()
    log.get_by_text("echo: kv_set returned").wait_for()
    log.get_by_text("Approval of kv_set").wait_for()
    with server.api() as api:
        assert api.get("/kv/city").json()["data"]["value"] == "Paris"
        turns = api.get(f"/conversations/{thread_id}/runs").json()["data"]
        assert [t["status"] for t in turns] == ["succeeded", "succeeded"]

    # The same thread opens again from its link, timeline and all.
    page.reload()
    log.get_by_text("echo: hello there").wait_for()
    log.get_by_text("echo: kv_set returned").wait_for()
    assert page.get_by_role("status").filter(has_text="Live").count() == 1


def test_a_refused_chat_says_why(page: Any, server: ConsoleServer) -> None:
    agent_id = make_agent(server, "nowhere", {"model": "nosuch/model"})
    sign_in(page, server)
    page.goto(f"/chat/{agent_id}")
    page.get_by_label("Message").fill("hi")
    page.get_by_role("button", name="Send").click()
    alert = page.get_by_role("alert").filter(has_text="not answered")
    alert.wait_for()
    assert "nosuch" in alert.inner_text()


def test_agent_configuration_and_usage(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    page.goto("/agents")
    page.get_by_role("button", name="New agent").click()
    page.get_by_label("Name").fill("helper")
    page.get_by_label("Instructions").fill("Be brief.")
    page.get_by_role("button", name="Create").click()
    page.get_by_role("heading", name="helper").wait_for()
    agent_id = page.url.rsplit("/", 1)[1]

    page.get_by_label("Model", exact=True).select_option("flowline/echo")
    page.get_by_label("kv_get").check()
    page.get_by_label("kv_set").check()
    page.get_by_label("Approval policy of kv_set", exact=False).count()
    page.locator("#approval-kv_set").select_option("always")
    page.get_by_label("Model calls per turn").fill("99")
    page.get_by_role("button", name="Save configuration").click()
    # The API's refusal, beside the field.
    page.get_by_role("alert").filter(has_text="less than or equal to 50").first.wait_for()
    page.get_by_label("Model calls per turn").fill("5")
    page.get_by_label("Monthly budget (USD)").fill("12.5")
    page.get_by_role("button", name="Save configuration").click()
    page.get_by_text("Saved (version").wait_for()
    with server.api() as api:
        config = api.get(f"/agents/{agent_id}/config").json()["data"]
    assert config["model"] == "flowline/echo"
    assert config["tools"] == ["kv_get", "kv_set"]
    assert config["approval"] == {"kv_set": "always"}
    assert config["max_steps"] == 5
    assert config["budget"] == {"monthly_limit_usd": 12.5}

    page.get_by_role("tab", name="Tools").click()
    page.get_by_role("combobox", name="Approval policy of kv_get").select_option("always")
    page.get_by_role("combobox", name="Approval policy of kv_get").wait_for()
    with server.api() as api:
        deadline_ok = False
        for _ in range(100):
            approval = api.get(f"/agents/{agent_id}/config").json()["data"]["approval"]
            if approval.get("kv_get") == "always":
                deadline_ok = True
                break
            page.wait_for_timeout(100)
        assert deadline_ok

    page.get_by_role("tab", name="Usage").click()
    page.get_by_role("img", name="Cost per day: bar chart, figures in the table below").wait_for()
    page.get_by_label("From").fill("2020-01-01")
    page.get_by_label("to").fill("2020-03-01")
    page.get_by_role("alert").filter(has_text="31 days").first.wait_for()


def test_a_question_is_answered_inline(page: Any, server: ConsoleServer) -> None:
    agent_id = make_agent(server, "asker", {"tools": ["ask_user"]})
    sign_in(page, server)
    page.goto(f"/chat/{agent_id}")
    page.get_by_label("Message").fill(
        'call ask_user {"question": "Which city?", "options": ["Paris", "Rome"]}'
    )
    page.get_by_role("button", name="Send").click()
    ask = page.get_by_role("region", name="The agent asks")
    ask.get_by_text("Which city?").wait_for()
    ask.get_by_role("button", name="Rome").click()
    log = page.get_by_role("log", name="Conversation")
    log.get_by_text("echo: ask_user returned").wait_for()
    assert "Rome" in log.get_by_text("echo: ask_user returned").inner_text()
    log.get_by_text("Asked: Which city?").wait_for()
