"""Channels and the sandbox phone: make a sandbox channel whose messages go to an agent,
write to it as a person and read its answer live; press a button it sent."""

from __future__ import annotations

from typing import Any

import pytest

from tests.console.conftest import ConsoleServer, sign_in

pytestmark = pytest.mark.e2e


def test_the_sandbox_phone_talks_to_an_agent(page: Any, server: ConsoleServer) -> None:
    with server.api() as api:
        r = api.post("/agents", json={"name": "front-desk"})
        assert r.status_code == 201, r.text
    sign_in(page, server)
    page.get_by_role("link", name="Channels").click()
    page.get_by_label("Name", exact=True).fill("try-out")
    page.get_by_label("Kind").select_option("sandbox")
    page.get_by_label("Messages start").select_option(label="agent front-desk")
    page.get_by_role("button", name="Create channel").click()
    page.get_by_role("heading", name="try-out").wait_for()
    channel_id = page.url.rsplit("/", 1)[1].split("?")[0]
    page.get_by_role("status").filter(has_text="Live").wait_for()

    page.get_by_label("Text message").fill("hello desk")
    page.get_by_role("button", name="Send").click()
    phone = page.get_by_role("log", name="Sandbox phone")
    # The person's bubble; the agent's answer may already be there and holds the text too.
    phone.locator(".bubble.user").filter(has_text="hello desk").wait_for()
    phone.locator(".bubble.assistant").filter(has_text="echo: hello desk").wait_for()

    # A message with buttons, sent by a flow or a script: the person presses one.
    with server.api() as api:
        r = api.post(
            f"/channels/{channel_id}/send",
            json={
                "to": "+14155550123",
                "interactive": {
                    "text": "Rate us?",
                    "buttons": [{"id": "good", "title": "Good"}, {"id": "bad", "title": "Bad"}],
                },
            },
        )
        assert r.status_code == 202, r.text
    phone.get_by_text("Rate us?").wait_for()
    page.get_by_role("button", name="Good").click()
    phone.locator(".bubble.user").filter(has_text="Good").wait_for()
    with server.api() as api:
        inbound = api.get(f"/channels/{channel_id}/messages", params={"direction": "in"}).json()
    assert [m["body"].get("button_id") for m in inbound["data"]][:1] == ["good"]

    page.get_by_role("tab", name="Messages").click()
    page.get_by_role("cell", name="echo: hello desk").wait_for()


def test_a_refused_channel_names_the_field(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    page.goto("/channels")
    page.get_by_label("Name", exact=True).fill("wa")
    page.get_by_label("Kind").select_option("whatsapp")
    page.get_by_role("button", name="Create channel").click()
    page.get_by_role("alert").filter(has_text="Not created").wait_for()
    assert page.url.endswith("/channels")
