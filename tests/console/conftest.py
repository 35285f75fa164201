"""The console in a real browser: ``flowline serve`` as a user starts it, Debian's Chromium.

One server per test process (on SQLite, in a temporary data dir), one browser per
module, one fresh browser context per test. Every page a test opens fails the test if
it logs a Content Security Policy violation, throws an uncaught error or opens a
JavaScript dialog.

Without Chromium at ``/usr/bin/chromium`` the tests skip and say why; with ``CI`` set
they fail instead (CI installs it: ``.ci/run``). The server is on SQLite whatever
database the suite runs on, so the PostgreSQL pass skips them rather than repeat them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.console.serve import (
    CHROMIUM,
    UI_TIMEOUT_MS,
    ConsoleServer,
    launch_chromium,
    start_server,
    stop_server,
)
from tests.postgres import PG_URL

__all__ = ["ConsoleServer", "PageWatch", "sign_in"]


# One server for all the console's modules a test process runs (starting one costs
# seconds); each test signs in on its own browser context and makes what it needs.
@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    if PG_URL is not None:
        pytest.skip("the console's browser tests run once, in the SQLite pass")
    process, made = start_server(tmp_path_factory.mktemp("console"))
    try:
        yield made
    finally:
        stop_server(process)


# Per module, not per session: Playwright's sync API keeps an event loop running on this
# thread while it is open, and the async tests of later modules need the thread's loop.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium) for the console tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: it is required in CI")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class PageWatch:
    """What a page did that no test wants: CSP violations, errors, dialogs."""

    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [*self.csp, *self.errors, *(f"dialog: {d}" for d in self.dialogs)]


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page(browser: Any, server: ConsoleServer, watch: PageWatch) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.base_url)
    context.set_default_timeout(UI_TIMEOUT_MS)
    opened = context.new_page()

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            watch.csp.append(message.text)
        elif message.type == "error" and not message.text.startswith("Failed to load resource"):
            # An answer of 4xx is logged by the browser itself; anything else logged as an
            # error (React's update loops, router errors) is a fault of the page.
            watch.errors.append(message.text)

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))
    opened.on("dialog", on_dialog)
    try:
        yield opened
    finally:
        context.close()
    assert watch.problems() == [], watch.problems()


def sign_in(page: Any, server: ConsoleServer) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(server.email)
    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
