"""The console in a real browser: ``flowline serve`` as a user starts it, Debian's Chromium.

One server per test module (on SQLite, in a temporary data dir), one fresh browser
context per test. Every page a test opens fails the test if it logs a Content Security
Policy violation, throws an uncaught error or opens a JavaScript dialog.

Without Chromium at ``/usr/bin/chromium`` the tests skip and say why; with ``CI`` set
they fail instead (CI installs it: ``.ci/run``).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path(os.environ.get("FLOWLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY_TIMEOUT = 60.0
# Generous: the machine is shared and a first render loads the editor's code.
UI_TIMEOUT_MS = 20_000


@dataclass
class ConsoleServer:
    base_url: str
    email: str
    password: str
    api_key: str
    log: Path

    def api(self) -> httpx.Client:
        """The API as a script would use it, with the owner's key."""
        return httpx.Client(
            base_url=f"{self.base_url}/api/v1",
            headers={"Authorization": f"Bearer {self.api_key}"},
            timeout=30,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    root: Path, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], ConsoleServer]:
    data = root / "data"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
    env.update(
        FLOWLINE_DATA_DIR=str(data),
        FLOWLINE_DATABASE_URL=f"sqlite:///{data / 'flowline.db'}",
        FLOWLINE_ACCESS_LOG="false",
        PYTHONUNBUFFERED="1",
        **(extra_env or {}),
    )
    log = root / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "flowline", "serve", "--port", str(port)],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/ready", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"/ready did not answer within {READY_TIMEOUT}s:\n{log.read_text()}")
        time.sleep(0.2)
    creds = json.loads((data / "initial-credentials").read_text())
    return process, ConsoleServer(
        base_url, creds["email"], creds["password"], creds["api_key"], log
    )


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    process, made = start_server(tmp_path_factory.mktemp("console"))
    try:
        yield made
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium) for the console tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: it is required in CI")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
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
