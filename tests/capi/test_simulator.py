"""The CAPI simulator itself: auth, E.164, pagination, the §7 endpoints, faults, the log."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from flowline.examples.capi_sim import Simulator, mint
from flowline.examples.capi_sim.app import ClientError, e164
from flowline.examples.capi_sim.tokens import TokenRejected, verify

ALVA = {"firstName": "Alva", "lastName": "Andersson", "email": "alva@acme.example"}


async def test_every_capi_request_needs_a_bearer_jwt(
    asgi: httpx.AsyncClient, simulator: Simulator
) -> None:
    token = mint("test-secret")
    for headers in (
        {"Authorization": ""},
        {"Authorization": token},  # the raw JWT, without the Bearer prefix
        {"Authorization": f"Basic {token}"},
        {"Authorization": f"Bearer {mint('another-secret')}"},
        {"Authorization": f"Bearer {mint('test-secret', ttl_seconds=-10)}"},
        {"Authorization": "Bearer not.a.jwt"},
    ):
        r = await asgi.get("/v1/extensions/users", headers=headers)
        assert r.status_code == 401, headers
        assert r.json()["status"] == 401
    assert (await asgi.get("/v1/extensions/users")).status_code == 200
    log = simulator.log
    assert [e.bearer_prefix for e in log] == [False, False, False, True, True, True, True]
    assert all(e.headers.get("authorization") in ("***", None) for e in log)
    assert token not in str([e.view() for e in log])


def test_tokens() -> None:
    claims = verify(mint("k", subject="usr-0003", extension="1003"), "k")
    assert (claims["sub"], claims["ext"]) == ("usr-0003", "1003")
    with pytest.raises(TokenRejected):
        verify(mint("k") + "x", "k")


@pytest.mark.parametrize(
    "number", ["0701234567", "+46 70 123 45 67", "+4670123", "+46701234567890", "46701234567", 4670]
)
def test_e164_refuses_what_is_not_e164(number: object) -> None:
    with pytest.raises(ClientError) as caught:
        e164(number, "mobile")
    assert caught.value.status == 400
    assert caught.value.field == "mobile"


def test_e164_accepts_nordic_numbers() -> None:
    for number in ("+46701234567", "+4781234567", "+358401234567", "+4520123456"):
        assert e164(number, "to") == number


async def test_onboarding_endpoints(asgi: httpx.AsyncClient, simulator: Simulator) -> None:
    r = await asgi.post("/v1/extensions/users", json={**ALVA, "mobile": "070-123 45 67"})
    assert r.status_code == 400
    assert r.json()["errors"] == [{"field": "mobile", "message": r.json()["message"]}]
    assert (await asgi.post("/v1/extensions/users", json={"firstName": "A"})).status_code == 400

    r = await asgi.post("/v1/extensions/users", json={**ALVA, "mobile": "+46701234599"})
    assert r.status_code == 201
    user = r.json()
    assert user["user"] == user["id"] == "usr-0006"
    assert user["extension"] == "1006"
    assert (await asgi.post("/v1/extensions/users", json=ALVA)).status_code == 409

    r = await asgi.get(f"/v1/extensions/users/{user['id']}")
    assert r.json()["extension"] == "1006"
    r = await asgi.post(f"/v1/extensions/users/{user['id']}/credentials", json={"label": "Desk"})
    assert r.status_code == 201
    assert r.json()["label"] == "Desk"
    r = await asgi.post("/v1/extensions/pbx/queues/2000/members", json={"user": user["id"]})
    assert r.status_code == 201
    assert simulator.queues["2000"] == [user["id"]]
    r = await asgi.post("/v1/extensions/pbx/queues/9999/members", json={"user": user["id"]})
    assert r.status_code == 404
    r = await asgi.post(f"/v1/extensions/users/user-access/{user['id']}/onboarding-mail")
    assert r.status_code == 202
    assert simulator.mails[0]["to"] == ALVA["email"]

    assert (await asgi.delete(f"/v1/extensions/users/{user['id']}")).status_code == 204
    assert (await asgi.get(f"/v1/extensions/users/{user['id']}")).status_code == 404
    assert simulator.queues["2000"] == []
    assert (await asgi.delete(f"/v1/extensions/users/{user['id']}")).status_code == 404


async def test_users_are_listed_page_by_page(asgi: httpx.AsyncClient) -> None:
    seen = []
    offset = 0
    while True:
        r = await asgi.get("/v1/extensions/users", params={"limit": 2, "offset": offset})
        page = r.json()
        assert page["total"] == 5
        seen += [u["id"] for u in page["items"]]
        if len(page["items"]) < 2:
            break
        offset += 2
    assert seen == [f"usr-000{i}" for i in range(1, 6)]
    r = await asgi.get("/v1/extensions/users", params={"invoice-place": "Göteborg"})
    assert [u["invoicePlace"] for u in r.json()["items"]] == ["Göteborg", "Göteborg"]
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}):
        assert (await asgi.get("/v1/extensions/users", params=bad)).status_code == 400


async def test_call_history_and_recordings(asgi: httpx.AsyncClient, simulator: Simulator) -> None:
    window = {"fromDate": "2026-05-01", "toDate": "2026-05-31"}
    r = await asgi.get("/v1/extensions/1001/calls", params={**window, "limit": 100})
    assert r.status_code == 200
    calls = r.json()["items"]
    assert calls, "a month holds calls"
    assert (
        r.json()
        == (await asgi.get("/v1/extensions/1001/calls", params={**window, "limit": 100})).json()
    )
    assert all(c["startedAt"].startswith("2026-05") for c in calls)
    recorded = [c["recordedCall"] for c in calls if c["recordedCall"]]
    assert recorded
    r = await asgi.get(f"/v1/extensions/users/calls/recordings/{recorded[0]}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "audio/mpeg"
    assert r.content.startswith(b"ID3")
    r = await asgi.get("/v1/extensions/users/calls/recordings/rec-1001-20260501-9")
    assert r.status_code == 404

    mine = await asgi.get("/v1/extensions/users/me/calls/history", params=window)
    assert mine.json()["total"] == len(calls)  # the token's extension is 1001
    for bad in (
        {"fromDate": "2026-05-02", "toDate": "2026-05-01"},
        {"fromDate": "20260501", "toDate": "2026-05-01"},
        {"fromDate": "2026-02-30", "toDate": "2026-03-01"},
        {"fromDate": "2026-01-01", "toDate": "2026-03-01"},
        {"toDate": "2026-05-01"},
    ):
        r = await asgi.get("/v1/extensions/1001/calls", params=bad)
        assert r.status_code == 400, bad
    assert (await asgi.get("/v1/extensions/4242/calls", params=window)).status_code == 404
    assert (await asgi.get("/v1/extensions/users/usr-0001/licenses")).status_code == 200
    assert (await asgi.get("/v1/products")).json()["total"] == 2
    r = await asgi.post("/v1/extensions/users/me/sms", json={"to": "0701234567", "message": "hi"})
    assert r.status_code == 400
    r = await asgi.post("/v1/extensions/users/me/sms", json={"to": "+46701234567", "message": "hi"})
    assert r.status_code == 202
    assert (await asgi.get("/v1/nothing/here")).status_code == 404


async def test_faults_next_n_rate_limit_delay_and_match(
    asgi: httpx.AsyncClient, simulator: Simulator
) -> None:
    admin = "http://capi.test/_sim/faults"
    r = await asgi.post(admin, json={"fail_next": 2, "fail_status": 502, "match": "/users"})
    assert r.status_code == 200
    assert (await asgi.get("/v1/products")).status_code == 200  # not matched
    assert (await asgi.get("/v1/extensions/users")).status_code == 502
    assert (await asgi.get("/v1/extensions/users")).status_code == 502
    assert (await asgi.get("/v1/extensions/users")).status_code == 200
    assert (await asgi.get(admin)).json()["fail_next"] == 0

    await asgi.post(admin, json={"rate_limit_next": 1, "retry_after": 7})
    r = await asgi.get("/v1/products")
    assert (r.status_code, r.headers["retry-after"]) == (429, "7")
    assert (await asgi.get("/v1/products")).status_code == 200

    await asgi.post(admin, json={"delay_seconds": 0.3, "methods": ["POST"]})
    started = time.monotonic()
    await asgi.get("/v1/products")
    assert time.monotonic() - started < 0.25
    started = time.monotonic()
    await asgi.post("/v1/extensions/users/me/sms", json={"to": "+46701234567", "message": "x"})
    assert time.monotonic() - started >= 0.3

    await asgi.post(admin, json={"fail_rate": 1.0})
    assert (await asgi.get("/v1/products")).status_code == 503
    assert (await asgi.delete(admin)).status_code == 204
    assert (await asgi.get("/v1/products")).status_code == 200

    for bad in ({"fail_next": -1}, {"fail_status": 404}, {"fail_rate": 2}, {"nope": 1}):
        r = await asgi.post(admin, json=bad)
        assert r.status_code == 400, bad
    faults = [e.fault for e in simulator.log]
    assert faults.count("5xx") == 3
    assert faults.count("429") == 1


async def test_the_request_log(asgi: httpx.AsyncClient, simulator: Simulator) -> None:
    await asgi.post(
        "/v1/extensions/users", json=ALVA, headers={"User-Agent": "Acme/1.0 (+x@acme.example)"}
    )
    r = await asgi.get("http://capi.test/_sim/requests")
    [entry] = r.json()["items"]
    assert entry["method"] == "POST"
    assert entry["path"] == "/api/capi/v1/extensions/users"
    assert entry["body"] == ALVA
    assert entry["headers"]["user-agent"] == "Acme/1.0 (+x@acme.example)"
    assert entry["headers"]["authorization"] == "***"
    assert entry["bearer_prefix"] is True
    assert entry["status"] == 201
    assert entry["at"].endswith("Z")
    r = await asgi.get("http://capi.test/_sim/requests", params={"after_seq": entry["seq"]})
    assert r.json()["items"] == []
    assert (await asgi.post("http://capi.test/_sim/reset")).status_code == 204
    assert simulator.log == []
    assert len(simulator.users) == 5


def test_the_console_script_prints_a_token() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flowline.examples.capi_sim", "--print-token", "--secret", "k"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert verify(done.stdout.strip(), "k")["sub"] == "usr-0001"
