"""Property-based requests generated from ``/openapi.json`` against a real server.

A bounded number of examples per operation, each checked for: no 5xx, a
documented status code and content type, and a body that matches the
documented schema.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation.case import Case

from tests.postgres import PG_URL, create_database, drop_database, scratch_name

pytestmark = pytest.mark.e2e
EXAMPLES = 20
CALLS: list[int] = []

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class Live:
    url: str
    headers: dict[str, str]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    root: Path = tmp_path_factory.mktemp("fuzz")
    database = f"sqlite:///{root / 'flowline.db'}"
    pg_name = None
    if PG_URL:
        pg_name = scratch_name("flowline_fuzz")
        database = asyncio.run(create_database(pg_name))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
    env |= {
        "FLOWLINE_DATA_DIR": str(root / "data"),
        "FLOWLINE_DATABASE_URL": database,
        "FLOWLINE_RATE_LIMIT_PER_MINUTE": "0",
        "FLOWLINE_ACCESS_LOG": "false",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "flowline", "serve", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, "flowline serve exited"
            assert time.monotonic() < deadline, "flowline serve did not become ready"
            time.sleep(0.2)
        credentials = json.loads((root / "data" / "initial-credentials").read_text())
        yield Live(url, {"Authorization": f"Bearer {credentials['api_key']}"})
    finally:
        server.terminate()
        server.wait(timeout=15)
        if pg_name:
            asyncio.run(drop_database(pg_name))


def test_generated_requests_follow_the_schema(live: Live) -> None:
    schema = schemathesis.openapi.from_url(f"{live.url}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def exercise(case: Case) -> None:
            CALLS.append(
                case.call_and_validate(
                    base_url=live.url, headers=live.headers, checks=CHECKS
                ).status_code
            )

        try:
            exercise()
        except Exception as exc:  # collect every operation's failure, then report all
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:2000]}")
    assert operations >= 20
    assert len(CALLS) >= operations  # every operation was really exercised
    assert not failures, "\n\n".join(failures)
