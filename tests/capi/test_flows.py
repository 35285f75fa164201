"""The CAPI recipes as shipped in examples/capi/flows, run against the simulator.

What Flowline sent is read from the simulator's request log: identification,
the Bearer prefix, attempts and their spacing on 5xx and 429, nothing after a
4xx, no write before the person approved, and the recovery deleting the user.

These runs need the safe-outbound work (retries inside the step, pagination
with ``items``) and confirmation of writes (``confirm: always``); without it in
the tree they are skipped, named by ``NEEDS``.
"""

from __future__ import annotations

import asyncio
import itertools
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from flowline.cli.flowfiles import read_flow_file
from flowline.engine.nodes.http_request import HttpRequestConfig, Paginate
from flowline.engine.worker import Worker
from tests.capi.conftest import Sim
from tests.engine.flows import get_run
from tests.factories import Factory, Org

FLOWS = Path(__file__).parents[2] / "examples" / "capi" / "flows"
ALVA = {"firstName": "Alva", "lastName": "Andersson", "email": "alva@acme.example"}
DAY = "2026-05-18"


def _missing_features() -> list[str]:
    missing = []
    if "attempts" not in HttpRequestConfig.model_fields:
        missing.append("retries inside an http_request step (`attempts`)")
    if "items" not in Paginate.model_fields:
        missing.append("`paginate.items`")
    try:
        HttpRequestConfig.model_validate({"url": "http://x", "confirm": "always"})
    except ValidationError:
        missing.append("`confirm: always`")
    return missing


NEEDS = _missing_features()
pytestmark = pytest.mark.skipif(bool(NEEDS), reason=f"not in the tree yet: {', '.join(NEEDS)}")


# --- helpers ------------------------------------------------------------------------------


async def _secret(client: httpx.AsyncClient, org: Org, sim: Sim) -> None:
    body = {"name": "capi", "kind": "bearer", "value": sim.token, "hosts": ["127.0.0.1"]}
    r = await client.post("/api/v1/secrets", json=body, headers=org.headers)
    assert r.status_code == 201, r.text


async def _deploy(
    client: httpx.AsyncClient,
    org: Org,
    file: str,
    page_size: int | None = None,
) -> str:
    """Create the flow of an example file as ``flowline flows deploy`` would send it;
    ``page_size`` shrinks the pages."""
    body = read_flow_file(FLOWS / file).body()
    for node in body["definition"]["nodes"]:
        config = node["data"].get("config") or {}
        if page_size and config.get("paginate"):
            config["paginate"]["limit"] = page_size
    r = await client.post("/api/v1/flows", json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    flow = r.json()["data"]
    assert flow["status"] == "active", flow["problems"]
    return str(flow["id"])


async def _start(client: httpx.AsyncClient, org: Org, flow_id: str, run_input: Any) -> str:
    r = await client.post(
        f"/api/v1/flows/{flow_id}/run", json={"input": run_input}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    return str(r.json()["data"]["id"])


async def _until(
    client: httpx.AsyncClient, org: Org, run_id: str, *statuses: str, seconds: float = 30
) -> dict[str, Any]:
    async with asyncio.timeout(seconds):
        while True:
            run = await get_run(client, org, run_id)
            if run["status"] in statuses:
                return run
            await asyncio.sleep(0.05)


async def _approval(client: httpx.AsyncClient, org: Org, run_id: str) -> dict[str, Any]:
    async with asyncio.timeout(15):
        while True:
            r = await client.get(
                "/api/v1/approvals/pending", params={"run_id": run_id}, headers=org.headers
            )
            assert r.status_code == 200, r.text
            if r.json()["data"]:
                approval: dict[str, Any] = r.json()["data"][0]
                return approval
            await asyncio.sleep(0.05)


async def _answer(client: httpx.AsyncClient, org: Org, approval_id: str, decision: str) -> None:
    r = await client.post(
        f"/api/v1/approvals/{approval_id}/respond",
        json={"decision": decision},
        headers=org.headers,
    )
    assert r.status_code == 200, r.text


def _calls(sim: Sim, method: str | None = None, part: str = "") -> list[dict[str, Any]]:
    return [
        e
        for e in sim.requests()
        if (method is None or e["method"] == method) and part in str(e["path"])
    ]


def _onboarding_input(sim: Sim, **extra: Any) -> dict[str, Any]:
    return {**ALVA, "base_url": sim.base, **extra}


async def _onboard(
    client: httpx.AsyncClient, org: Org, sim: Sim, **extra: Any
) -> tuple[str, dict[str, Any]]:
    await _secret(client, org, sim)
    flow_id = await _deploy(client, org, "onboard-employee.yaml")
    run_id = await _start(client, org, flow_id, _onboarding_input(sim, **extra))
    approval = await _approval(client, org, run_id)
    return run_id, approval


# --- onboarding ---------------------------------------------------------------------------


async def test_onboarding_asks_before_the_first_write_then_provisions(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    run_id, approval = await _onboard(client, org, sim, mobile="+46701234599")
    await _until(client, org, run_id, "waiting")
    await asyncio.sleep(0.3)
    assert _calls(sim, "POST") == []  # nothing is written before the answer
    shown = approval["payload"]
    assert shown["method"] == "POST"
    assert shown["url"] == f"{sim.base}/v1/extensions/users"
    assert shown["json"] == {**ALVA, "mobile": "+46701234599"}
    assert sim.token not in str(approval)

    await _answer(client, org, approval["id"], "approve")
    run = await _until(client, org, run_id, "succeeded", "failed")
    assert run["status"] == "succeeded", run
    user = run["output"]["user"]
    assert run["output"] == {
        "onboarded": True,
        "user": user,
        "extension": sim.state.users[user].extension,
        "credential": sim.state.credentials[user][0].id,
        "queue": "2000",
    }
    assert user in sim.state.queues["2000"]
    assert sim.state.mails[0]["to"] == ALVA["email"]

    log = sim.requests()
    assert [(e["method"], str(e["path"]).removeprefix("/api/capi")) for e in log] == [
        ("POST", "/v1/extensions/users"),
        ("GET", f"/v1/extensions/users/{user}"),
        ("POST", f"/v1/extensions/users/{user}/credentials"),
        ("POST", "/v1/extensions/pbx/queues/2000/members"),
        ("POST", f"/v1/extensions/users/user-access/{user}/onboarding-mail"),
    ]
    for entry in log:
        headers = entry["headers"]
        assert isinstance(headers, dict)
        assert headers["user-agent"].startswith("Flowline/")
        assert entry["bearer_prefix"] is True
        assert entry["status"] in (200, 201, 202)
    writes = [e for e in log if e["method"] == "POST"]
    assert all("idempotency-key" in e["headers"] for e in writes)  # type: ignore[operator]
    assert log[2]["body"] == {"label": "Desk phone"}
    assert log[3]["body"] == {"user": user}

    r = await client.get(f"/api/v1/runs/{run_id}/steps", headers=org.headers)
    assert sim.token not in r.text  # the credential is redacted everywhere


async def test_a_denied_create_sends_nothing(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    run_id, approval = await _onboard(client, org, sim)
    await _answer(client, org, approval["id"], "deny")
    run = await _until(client, org, run_id, "succeeded", "failed")
    assert run["status"] == "failed"
    assert sim.requests() == []


async def test_a_4xx_is_not_retried_and_nothing_follows_it(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    run_id, approval = await _onboard(client, org, sim, mobile="070-123 45 67")  # not E.164
    await _answer(client, org, approval["id"], "approve")
    run = await _until(client, org, run_id, "succeeded", "failed")
    assert run["status"] == "failed"
    log = sim.requests()
    assert [(e["method"], e["status"]) for e in log] == [("POST", 400)]


async def test_5xx_on_a_later_step_is_retried_with_backoff_then_recovered(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    """The credential step fails for good (5xx on every attempt): the orphaned user is
    checked and deleted, and the run says it rolled back."""
    org = await factory.org()
    sim.state.faults.match = "/credentials"
    sim.state.faults.fail_next = 100
    run_id, approval = await _onboard(client, org, sim)
    await _answer(client, org, approval["id"], "approve")
    run = await _until(client, org, run_id, "succeeded", "failed")
    assert run["status"] == "succeeded", run
    user = run["output"]["user"]
    assert run["output"] == {"onboarded": False, "rolled_back": True, "user": user}
    assert user not in sim.state.users

    attempts = _calls(sim, "POST", "/credentials")
    assert len(attempts) == 3  # the default: 3 attempts, then the step fails for good
    assert all(e["status"] == 503 for e in attempts)
    keys = {e["headers"]["idempotency-key"] for e in attempts}  # type: ignore[index]
    assert len(keys) == 1  # a write is repeated only with its Idempotency-Key
    gaps = [b["t"] - a["t"] for a, b in itertools.pairwise(attempts)]  # type: ignore[operator]
    # full jitter: the n-th wait is at most 0.5 s * 2^(n-1) (plus the time to answer)
    assert gaps[0] < 0.5 + 0.4, gaps
    assert gaps[1] < 1.0 + 0.4, gaps

    after = [str(e["path"]).removeprefix("/api/capi") for e in sim.requests()][-2:]
    assert after == [f"/v1/extensions/users/{user}", f"/v1/extensions/users/{user}"]
    assert [e["method"] for e in sim.requests()][-2:] == ["GET", "DELETE"]
    assert not _calls(sim, "POST", "/members")  # nothing after the failed step


async def test_429_waits_exactly_retry_after(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    sim.state.faults.match = "/pbx/queues"
    sim.state.faults.rate_limit_next = 1
    sim.state.faults.retry_after = 1
    run_id, approval = await _onboard(client, org, sim)
    await _answer(client, org, approval["id"], "approve")
    run = await _until(client, org, run_id, "succeeded", "failed")
    assert run["status"] == "succeeded", run
    first, second = _calls(sim, "POST", "/pbx/queues")
    assert (first["status"], second["status"]) == (429, 201)
    waited = second["t"] - first["t"]  # type: ignore[operator]
    assert 0.95 <= waited < 1.9, waited


async def test_a_transient_5xx_is_retried_and_the_run_goes_on(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    sim.state.faults.match = "/onboarding-mail"
    sim.state.faults.fail_next = 2
    run_id, approval = await _onboard(client, org, sim)
    await _answer(client, org, approval["id"], "approve")
    run = await _until(client, org, run_id, "succeeded", "failed")
    assert run["output"]["onboarded"] is True, run
    assert [e["status"] for e in _calls(sim, "POST", "/onboarding-mail")] == [503, 503, 202]


# --- daily call history -------------------------------------------------------------------


async def _daily(
    client: httpx.AsyncClient, org: Org, sim: Sim, page_size: int | None = None
) -> str:
    await _secret(client, org, sim)
    await _deploy(client, org, "call-history-for-user.yaml")
    # The foreach names its child flow, as the file does.
    return await _deploy(client, org, "daily-call-history.yaml", page_size=page_size)


async def test_daily_call_history_walks_pages_and_stores_the_report(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    made = [sim.state.add_user("P", f"{i}", f"p{i}@acme.example", None, "Malmö") for i in range(5)]
    flow_id = await _daily(client, org, sim, page_size=2)  # pages of 2, 2 and 1
    flaky = f"/v1/extensions/{made[2].extension}/calls"
    sim.state.faults.match = flaky
    sim.state.faults.fail_next = 1  # one 5xx on one user's calls: retried inside the step
    run_id = await _start(
        client, org, flow_id, {"date": DAY, "invoice_place": "Malmö", "base_url": sim.base}
    )
    run = await _until(client, org, run_id, "succeeded", "failed", seconds=120)
    assert run["status"] == "succeeded", run

    pages = _calls(sim, "GET", "/v1/extensions/users")
    assert [e["query"] for e in pages] == [
        {"invoice-place": "Malmö", "limit": "2", "offset": str(offset)} for offset in (0, 2, 4)
    ]
    assert pages[1]["t"] >= pages[0]["t"]  # one after another
    assert all(e["method"] == "GET" for e in sim.requests())  # read-only
    assert [e["status"] for e in _calls(sim, "GET", flaky)] == [503, 200]

    team = [u for u in sim.state.users.values() if u.invoicePlace == "Malmö"]
    day = date.fromisoformat(DAY)
    expected = {u.extension: sim.state.calls(u.extension, day) for u in team}
    r = await client.get(f"/api/v1/kv/capi/call-history/{DAY}", headers=org.headers)
    assert r.status_code == 200, r.text
    report = r.json()["data"]["value"]
    assert report["day"] == DAY
    assert report["users"] == len(team) == 5
    assert report["calls"] == sum(len(c) for c in expected.values())
    assert report["recordings"] == sum(
        1 for calls in expected.values() for c in calls if c["recordedCall"]
    )
    by_extension = {entry["extension"]: entry for entry in report["per_user"]}
    for extension, calls in expected.items():
        assert by_extension[extension]["calls"] == calls
    assert run["output"]["key"] == f"capi/call-history/{DAY}"


async def test_daily_call_history_defaults_to_yesterday(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, sim: Sim
) -> None:
    org = await factory.org()
    flow_id = await _daily(client, org, sim)
    run_id = await _start(client, org, flow_id, {"base_url": sim.base})
    run = await _until(client, org, run_id, "succeeded", "failed", seconds=60)
    assert run["status"] == "succeeded", run
    started = date.fromisoformat(run["started_at"][:10])
    yesterday = date.fromordinal(started.toordinal() - 1).isoformat()
    assert run["output"]["day"] == yesterday
    calls = _calls(sim, "GET", "/calls")
    assert {e["query"]["fromDate"] for e in calls} == {yesterday}  # type: ignore[index]
    assert len(calls) == len(sim.state.users)
