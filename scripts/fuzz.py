"""``make fuzz``: Schemathesis over every operation of a fresh ``flowline serve``.

Starts a new instance (its own data dir and SQLite file, or a scratch PostgreSQL
database when ``FLOWLINE_TEST_DATABASE_URL`` is set), then runs the Schemathesis
command line against its ``/openapi.json`` with the owner's API key: every phase
(examples, coverage, fuzzing, stateful through the schema's links), every check,
positive and negative data, with ``schemathesis.toml`` and ``scripts/fuzz_hooks.py``.
Arguments after ``--`` go to ``schemathesis run`` (``python -m scripts.fuzz -- --seed 1``);
the exit code is Schemathesis'.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
ROOT = Path(__file__).resolve().parent.parent
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("flowline serve exited before it was ready")
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                # The document is built on first request: build it before Schemathesis asks.
                httpx.get(f"{url}/openapi.json", timeout=120).raise_for_status()
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("flowline serve was not ready within 300 s")


@contextmanager
def _database(root: Path) -> Iterator[str]:
    base = os.environ.get("FLOWLINE_TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{root / 'flowline.db'}"
        return
    from tests.postgres import create_database, drop_database, scratch_name

    name = scratch_name("flowline_fuzz")
    url = asyncio.run(create_database(name))
    try:
        yield url
    finally:
        asyncio.run(drop_database(name))


@contextmanager
def live_server(root: Path) -> Iterator[tuple[str, str]]:
    """A ``flowline serve`` on a fresh instance: its base URL and the owner's API key."""
    with _database(root) as database:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
        env |= {
            "FLOWLINE_DATA_DIR": str(root / "data"),
            "FLOWLINE_DATABASE_URL": database,
            "FLOWLINE_RATE_LIMIT_PER_MINUTE": "0",
            "FLOWLINE_ACCESS_LOG": "false",
        }
        port = _free_port()
        log = (root / "serve.log").open("wb")
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "flowline", "serve", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(url, server)
            credentials = json.loads((root / "data" / "initial-credentials").read_text())
            yield url, credentials["api_key"]
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def command(url: str, key: str, report: Path, extra: Sequence[str]) -> list[str]:
    return [
        str(SCHEMATHESIS),
        "run",
        f"{url}/openapi.json",
        "--checks=all",
        "--mode=all",
        "--phases=examples,coverage,fuzzing,stateful",
        f"--max-examples={EXAMPLES}",
        "--workers=2",
        "--generation-deterministic",
        "--suppress-health-check=all",
        "--request-timeout=30",
        f"--report-dir={report}",
        "--report=ndjson",
        "--no-color",
        "-H",
        f"Authorization: Bearer {key}",
        *extra,
    ]


def main(argv: Sequence[str]) -> int:
    extra = list(argv[1:] if argv[:1] == ["--"] else argv)
    report = Path(os.environ.get("FUZZ_REPORT_DIR", "schemathesis-report")).resolve()
    with tempfile.TemporaryDirectory(prefix="flowline-fuzz-") as tmp:
        root = Path(tmp)
        with live_server(root) as (url, key):
            env = os.environ | {"SCHEMATHESIS_HOOKS": "scripts.fuzz_hooks", "PYTHONPATH": str(ROOT)}
            done = subprocess.run(  # noqa: S603
                command(url, key, report, extra), cwd=ROOT, env=env, check=False
            )
        log = (root / "serve.log").read_text(errors="replace")
    tracebacks = log.count("Traceback (most recent call last)")
    print(f"server log: {tracebacks} traceback(s); report in {report}")
    return done.returncode or (1 if tracebacks else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
