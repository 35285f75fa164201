"""Schedules over HTTP: life cycle, validation, versions, scopes, next firing, recent runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from flowline.auth.scopes import Role
from flowline.runtime import Runtime
from flowline.schedules import service
from tests.answers import assert_error, error_fields
from tests.factories import Factory
from tests.runs.builders import make_flow
from tests.schedules.builders import URL, make_schedule, set_next_run


def parse(stamp: str) -> datetime:
    assert stamp.endswith("Z")
    return datetime.fromisoformat(stamp)


async def test_create_get_list_update_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    before = datetime.now(UTC)
    created = await make_schedule(
        client,
        org,
        flow_id=flow_id,
        name="  nightly  ",
        cron="0  3 * * *",
        timezone="Europe/Berlin",
        input={"report": "daily"},
    )
    assert created["id"].startswith("sch_")
    assert created["name"] == "nightly"
    assert created["cron"] == "0 3 * * *"
    assert (created["timezone"], created["catch_up"], created["enabled"]) == (
        "Europe/Berlin",
        "last",
        True,
    )
    assert created["input"] == {"report": "daily"}
    assert created["version"] == 1
    assert created["created_by_id"] == org.owner.user_id
    assert created["recent_runs"] == []
    assert (created["last_run_at"], created["last_run_id"], created["last_error"]) == (
        None,
        None,
        None,
    )
    next_run = parse(created["next_run_at"])
    assert before < next_run <= before + timedelta(days=1, hours=1)
    assert next_run.astimezone(service.cron._zone("Europe/Berlin")).hour == 3

    r = await client.get(f"{URL}/{created['id']}", headers=org.headers)
    assert r.status_code == 200
    assert r.json() == {"data": created}

    r = await client.get(URL, headers=org.headers)
    assert r.status_code == 200
    listed = r.json()
    assert listed["total"] == 1
    assert listed["data"][0]["id"] == created["id"]
    assert "recent_runs" not in listed["data"][0]

    r = await client.put(
        f"{URL}/{created['id']}",
        json={"cron": "@hourly", "timezone": "UTC", "catch_up": "all"},
        headers={**org.headers, "If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    updated = r.json()["data"]
    assert (updated["cron"], updated["catch_up"], updated["version"]) == ("@hourly", "all", 2)
    assert parse(updated["next_run_at"]).minute == 0
    assert parse(updated["next_run_at"]) <= datetime.now(UTC) + timedelta(hours=1)
    assert updated["input"] == {"report": "daily"}

    r = await client.delete(f"{URL}/{created['id']}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"{URL}/{created['id']}", headers=org.headers)
    assert_error(r, 404, "SCHEDULE_NOT_FOUND")


async def test_wrapped_body_and_list_filter(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    flow_a, flow_b = await make_flow(client, org), await make_flow(client, org)
    body = {"schedule": {"name": "wrapped", "flow_id": flow_a, "cron": "@daily"}}
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    await make_schedule(client, org, flow_id=flow_b)
    r = await client.get(URL, params={"flow_id": flow_a}, headers=org.headers)
    assert [s["name"] for s in r.json()["data"]] == ["wrapped"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"cron": "61 * * * *"}, "cron"),
        ({"cron": "* * * *"}, "cron"),
        ({"cron": "@reboot"}, "cron"),
        ({"cron": "0 0 31 2 *"}, "cron"),
        ({"cron": "x" * 300}, "cron"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "../../etc/passwd"}, "timezone"),
        ({"timezone": "localtime"}, "timezone"),  # a zone file, not an IANA name
        ({"catch_up": "some"}, "catch_up"),
        ({"name": "   "}, "name"),
        ({"input": {"bad": "\u0000"}}, "input.bad"),
        ({"extra": 1}, "extra"),
    ],
)
async def test_bad_fields_answer_422_naming_them(
    client: httpx.AsyncClient, factory: Factory, fields: dict[str, object], field: str
) -> None:
    org = await factory.org()
    flow_id = await make_flow(client, org)
    body = {"name": "n", "flow_id": flow_id, "cron": "@daily", **fields}
    r = await client.post(URL, json=body, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    assert error_fields(r) == {field}
    if field in ("cron", "timezone"):
        # The submitted value is not echoed back.
        assert str(fields[field]) not in r.text


async def test_the_document_lists_the_time_zones_the_routes_take(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """The schema's ``TimeZone`` enum is the code's rule: every field of that type refers
    to it, and a name from the list is taken by schedules, tasks and artifacts' tasks."""
    document = (await client.get("/openapi.json")).json()
    zones = document["components"]["schemas"]["TimeZone"]["enum"]
    assert {"Europe/Berlin", "UTC"} <= set(zones)
    assert "localtime" not in zones
    for model in ("ScheduleCreate", "TaskCreate", "ScheduledTaskSet"):
        shown = document["components"]["schemas"][model]["properties"]["timezone"]
        assert shown["$ref"] == "#/components/schemas/TimeZone", (model, shown)
    org = await factory.org()
    flow_id = await make_flow(client, org)
    body = {"name": "n", "flow_id": flow_id, "cron": "@daily", "timezone": zones[-1]}
    r = await client.post(URL, json=body, headers=org.headers)
    assert r.status_code == 201, r.text
    assert r.json()["data"]["timezone"] == zones[-1]


async def test_unknown_or_foreign_flow_is_a_404_on_flow_id(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org, other = await factory.org(), await factory.org()
    foreign = await make_flow(client, other)
    for flow_id in ("flow_nope", foreign):
        r = await client.post(
            URL, json={"name": "n", "flow_id": flow_id, "cron": "@daily"}, headers=org.headers
        )
        assert_error(r, 404, "NOT_FOUND")
        assert error_fields(r) == {"flow_id"}
    schedule = await make_schedule(client, org)
    r = await client.put(f"{URL}/{schedule['id']}", json={"flow_id": foreign}, headers=org.headers)
    assert_error(r, 404, "NOT_FOUND")
    assert error_fields(r) == {"flow_id"}


async def test_update_checks_versions_and_needs_a_change(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org)
    url = f"{URL}/{schedule['id']}"
    r = await client.put(url, json={"name": "x"}, headers={**org.headers, "If-Match": "7"})
    assert_error(r, 409, "CONFLICT")
    r = await client.put(url, json={"name": "x", "expected_version": 3}, headers=org.headers)
    assert_error(r, 409, "CONFLICT")
    r = await client.put(url, json={}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
    r = await client.put(url, json={"timezone": "Nowhere/Land"}, headers=org.headers)
    assert error_fields(r) == {"timezone"}
    r = await client.delete(url, headers={**org.headers, "If-Match": "9"})
    assert_error(r, 409, "CONFLICT")
    r = await client.put(url, json={"input": None}, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["input"] is None


async def test_disabling_clears_next_run_and_enabling_counts_from_now(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org, enabled=False)
    assert schedule["next_run_at"] is None
    url = f"{URL}/{schedule['id']}"
    r = await client.put(url, json={"enabled": True}, headers=org.headers)
    next_run = parse(r.json()["data"]["next_run_at"])
    assert datetime.now(UTC) < next_run <= datetime.now(UTC) + timedelta(minutes=5)
    r = await client.put(url, json={"enabled": False}, headers=org.headers)
    assert r.json()["data"]["next_run_at"] is None
    assert r.json()["data"]["version"] == 3


async def test_scopes(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org)
    viewer = await factory.member(org, Role.VIEWER)
    r = await client.get(f"{URL}/{schedule['id']}", headers=viewer.headers)
    assert r.status_code == 200
    r = await client.put(f"{URL}/{schedule['id']}", json={"name": "x"}, headers=viewer.headers)
    assert_error(r, 403, "FORBIDDEN")
    reader = await factory.member(org, Role.MEMBER, scopes=["flows:read"])
    r = await client.get(URL, headers=reader.headers)
    assert_error(r, 403, "FORBIDDEN")
    writer = await factory.member(org, Role.MEMBER, scopes=["schedules:write"])
    r = await client.post(
        URL,
        json={"name": "n", "flow_id": schedule["flow_id"], "cron": "@daily"},
        headers=writer.headers,
    )
    assert r.status_code == 201, r.text
    r = await client.get(URL)
    assert_error(r, 401, "UNAUTHORIZED")


async def test_record_shows_its_recent_runs_newest_first(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    schedule = await make_schedule(client, org, cron="*/10 * * * *", catch_up="all")
    start = datetime(2031, 1, 1, 10, 0, tzinfo=UTC)
    await set_next_run(runtime, schedule["id"], start)
    async with runtime.db.session(write=True) as session:
        fired = await service.fire(session, runtime.bus, schedule["id"], start + timedelta(hours=2))
    assert fired is not None
    assert len(fired.started) == 13

    r = await client.get(f"{URL}/{schedule['id']}", headers=org.headers)
    data = r.json()["data"]
    assert [run["fire_time"] for run in data["recent_runs"]] == [
        f"2031-01-01T{h}:{m}:00Z" for h, m in [("12", "00"), ("11", "50"), ("11", "40")]
    ] + ["2031-01-01T11:30:00Z", "2031-01-01T11:20:00Z"]
    assert data["recent_runs"][0]["id"] == data["last_run_id"]
    assert data["recent_runs"][0]["status"] == "queued"
    assert data["last_run_at"] == "2031-01-01T12:00:00Z"
    assert data["next_run_at"] == "2031-01-01T12:10:00Z"
    assert data["version"] == 1  # the scheduler's bookkeeping is not an edit
    assert data["updated_at"] == schedule["updated_at"]
