"""Start ``flowline serve`` as a user would, and Chromium, for the console's tests, bench
(``bench/console.py``) and screenshots (``scripts/console_screenshots.py``)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

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
    )
    env.update(extra_env or {})
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
    try:
        _wait_ready(process, base_url, log)
        creds = json.loads((data / "initial-credentials").read_text())
    except BaseException:  # the process is ours until it is handed over: never left running
        process.kill()
        process.wait()
        raise
    return process, ConsoleServer(
        base_url, creds["email"], creds["password"], creds["api_key"], log
    )


def _wait_ready(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"/ready did not answer within {READY_TIMEOUT}s:\n{log.read_text()}")
        time.sleep(0.2)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, without the background traffic this network refuses."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
