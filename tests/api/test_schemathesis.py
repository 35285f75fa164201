"""Schemathesis over every operation of the app's OpenAPI document, in process.

A bounded pass (a few positive and negative examples per operation, every check
Schemathesis runs on a single response) with an instance admin's owner key; the
deep, stateful run against a live ``flowline serve`` is ``make fuzz``
(``scripts/fuzz.py``). Both read ``schemathesis.toml`` and use the same hooks.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import ignored_auth
from scripts.fuzz_hooks import unique_key

from tests.factories import Factory

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 20.0
"""Seconds for one answer: a route that waits (a run's end, a long poll) waits less."""
EXAMPLES = {GenerationMode.POSITIVE: 1, GenerationMode.NEGATIVE: 1}
BASELINE = {
    line.strip()
    for line in (ROOT / "tests" / "api" / "schemathesis_baseline.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
"""Known failures (``ST202 POST /api/v1/users``): to fix, then to remove from the file."""
SKIPPED = {
    # Streams answer for as long as the client listens.
    ("GET", "/api/v1/events/ws"),
}


def _cases(operation: Any, mode: GenerationMode, count: int) -> list[Case]:
    """``count`` cases of ``mode`` for the operation, the same on every run."""
    found: list[Case] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def draw(case: Case) -> None:
        found.append(case)

    try:
        draw()
    except Unsatisfiable:  # nothing to make invalid: an operation without parameters
        assert mode is GenerationMode.NEGATIVE
    return found[:count]


def _negatable(operation: Any) -> bool:
    """Whether the operation has a part that can be sent invalid: a body, a query or a
    header (Schemathesis leaves path parameters valid). Looking for one where there is
    none costs Hypothesis seconds before it gives up."""
    return bool(len(operation.body) or len(operation.query) or len(operation.headers))


def _file(item: Any) -> Any:
    """A multipart part httpx can send: a negative case may put a number where a file goes."""
    name, value = item
    if isinstance(value, tuple):
        content = value[1]
        if not isinstance(content, bytes | str):
            value = (value[0], str(content).encode(), *value[2:])
    elif not isinstance(value, bytes | str):
        value = str(value).encode()
    return name, value


def _request(case: Case, headers: dict[str, str]) -> dict[str, Any]:
    kwargs = case.as_transport_kwargs(base_url="http://flowline.test", headers=headers)
    sent = unique_key(dict(kwargs.get("headers") or {})) or {}
    if kwargs.get("cookies"):  # httpx takes cookies on the client only
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in kwargs["cookies"].items())
    request: dict[str, Any] = {
        "method": kwargs["method"],
        "url": kwargs["url"],
        "headers": sent,
        "params": kwargs.get("params"),
    }
    if "json" in kwargs:
        request["json"] = kwargs["json"]
    elif kwargs.get("data") is not None:
        request["content"] = kwargs["data"]
    if kwargs.get("files"):
        request["files"] = [_file(item) for item in kwargs["files"]]
    return request


async def test_every_operation_answers_as_documented(
    app: FastAPI, client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org(instance_admin=True)
    config = schemathesis.Config.from_path(ROOT / "schemathesis.toml")
    schema = schemathesis.openapi.from_dict(app.openapi(), config=config)
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        operations += 1
        for mode, count in EXAMPLES.items():
            if mode is GenerationMode.NEGATIVE and not _negatable(operation):
                continue
            for case in _cases(operation, mode, count):
                request = client.build_request(**_request(case, org.headers))
                request.read()  # a multipart body is a stream; Schemathesis reads it after
                try:
                    response = await asyncio.wait_for(client.send(request), TIMEOUT)
                except TimeoutError:
                    failures.append(f"{operation.label} [{mode.value}]: no answer in {TIMEOUT} s")
                    continue
                statuses[response.status_code] += 1
                try:
                    case.validate_response(response, excluded_checks=[ignored_auth])
                except FailureGroup as exc:  # gather every operation's failure, then report
                    codes = {getattr(e, "code", "?") for e in exc.exceptions}
                    known = {f"{code} {operation.label}" for code in codes} <= BASELINE
                    if not known:
                        failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:1500]}")
    assert operations >= 150
    assert sum(statuses.values()) >= operations
    assert not any(status >= 500 for status in statuses), statuses
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)
