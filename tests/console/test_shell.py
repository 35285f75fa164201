"""Signing in and out, deep links, navigation: the shell every page lives in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.console.conftest import ConsoleServer, sign_in

pytestmark = pytest.mark.e2e


def test_sign_in_errors_inline_then_works(page: Any, server: ConsoleServer) -> None:
    page.goto("/")
    page.wait_for_url("**/login?next=%2F")
    page.get_by_label("Email").fill(server.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "password" in alert.inner_text().lower()
    assert page.url.endswith("/login?next=%2F")

    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Flows").wait_for()
    assert page.url.endswith("/flows")
    assert page.get_by_text(server.email).is_visible()


def test_deep_link_after_sign_in_and_reload(page: Any, server: ConsoleServer) -> None:
    page.goto("/flows?q=nothing-like-this")
    page.wait_for_url("**/login?next=*")
    page.get_by_label("Email").fill(server.email)
    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/flows?q=nothing-like-this")
    page.get_by_text("No flows match.").wait_for()
    page.reload()
    page.get_by_text("No flows match.").wait_for()
    assert page.get_by_label("Search").input_value() == "nothing-like-this"


def test_sign_out_clears_the_session(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    assert any(c["name"] == "flowline_session" for c in page.context.cookies())
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Flowline").wait_for()
    assert not any(c["name"] == "flowline_session" for c in page.context.cookies())
    assert page.evaluate("localStorage.getItem('flowline.csrf')") is None
    status = page.evaluate("fetch('/api/v1/auth/me').then(r => r.status)")
    assert status == 401
    page.goto("/flows")
    page.wait_for_url("**/login?next=%2Fflows")


def test_keyboard_reaches_navigation(page: Any, server: ConsoleServer) -> None:
    sign_in(page, server)
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Flows"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Flows").wait_for()
