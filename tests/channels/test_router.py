"""Channel records through the API: CRUD in flow8's shapes, validation naming fields,
secret names (never values), organisation scoping, contacts and messages."""

from __future__ import annotations

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from flowline.channels.providers import install, remove
from flowline.channels.providers.email import ADDRESS_PATTERN, EmailConfig
from flowline.channels.schemas import COUNTRY_CODES, KINDS
from flowline.engine.worker import Worker
from tests.answers import assert_error, error_fields
from tests.channels.builders import (
    CHANNELS,
    PHONE,
    make_channel,
    make_http_channel,
    message_once,
    say,
    send,
)
from tests.factories import Factory, unique

SECRET_VALUE = "planted-app-secret-4f9d2"


async def test_crud_in_flow8_shapes(client: httpx.AsyncClient, factory: Factory) -> None:
    org = await factory.org()
    name = unique("support")
    r = await client.post(
        CHANNELS, json={"channel": {"name": name, "kind": "sandbox"}}, headers=org.headers
    )
    assert r.status_code == 201, r.text
    made = r.json()["data"]
    assert made["id"].startswith("chn_")
    assert made["status"] == "active"
    assert made["inbound_url"] == f"/api/v1/channels/{made['id']}/inbound"
    assert made["config"] == {"addresses": "phone", "default_region": None}
    assert made["limits"]["opt_out_keywords"][0] == "STOP"
    assert made["version"] == 1

    listed = (await client.get(CHANNELS, headers=org.headers)).json()
    assert (listed["total"], listed["page"], listed["pages"]) == (1, 0, 1)
    assert listed["data"][0]["id"] == made["id"]

    replaced = {**{k: made[k] for k in ("name", "kind", "config", "limits")}, "status": "disabled"}
    r = await client.put(f"{CHANNELS}/{made['id']}", json=replaced, headers=org.headers)
    assert r.status_code == 200, r.text
    assert r.json()["data"]["status"] == "disabled"
    assert r.json()["data"]["version"] == 2
    r = await client.put(
        f"{CHANNELS}/{made['id']}", json=replaced, headers={**org.headers, "If-Match": "1"}
    )
    assert_error(r, 409, "CONFLICT")
    # A well-formed body whose kind is not the stored channel's: the channel is in the way.
    r = await client.put(
        f"{CHANNELS}/{made['id']}",
        json={**replaced, "kind": "webhook", "config": {"api_base": "https://example.com/in"}},
        headers=org.headers,
    )
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"kind"}

    r = await client.delete(f"{CHANNELS}/{made['id']}", headers=org.headers)
    assert r.status_code == 204
    assert_error(
        await client.get(f"{CHANNELS}/{made['id']}", headers=org.headers), 404, "CHANNEL_NOT_FOUND"
    )


async def test_the_document_lists_the_country_codes_a_channel_may_allow(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    document = (await client.get("/openapi.json")).json()
    limits = document["components"]["schemas"]["Limits"]["properties"]
    listed = next(b for b in limits["allowed_countries"]["anyOf"] if b.get("type") == "array")
    assert listed["items"]["enum"] == list(COUNTRY_CODES)
    assert {"DE", "de", "US"} <= set(COUNTRY_CODES)
    org = await factory.org()
    limits_body = {"allowed_countries": ["de", "US", "Us"]}
    r = await client.post(
        CHANNELS,
        json={"name": unique("c"), "kind": "sandbox", "limits": limits_body},
        headers=org.headers,
    )
    assert_error(r, 422, "VALIDATION_ERROR")  # "Us" is in neither case
    limits_body["allowed_countries"] = ["de", "US"]
    r = await client.post(
        CHANNELS,
        json={"name": unique("c"), "kind": "sandbox", "limits": limits_body},
        headers=org.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["data"]["limits"]["allowed_countries"] == ["DE", "US"]


async def test_the_document_states_each_kinds_config_and_credential_roles(
    client: httpx.AsyncClient,
) -> None:
    document = (await client.get("/openapi.json")).json()
    create = document["components"]["schemas"]["ChannelCreate"]
    rules = {rule["if"]["properties"]["kind"]["const"]: rule["then"] for rule in create["allOf"]}
    assert set(rules) == set(KINDS)
    sms = rules["sms"]
    assert sms["required"] == ["config", "credentials"]
    assert sms["properties"]["config"]["required"] == ["account_sid"]
    assert sms["properties"]["credentials"]["propertyNames"] == {"enum": ["auth"]}
    assert rules["sandbox"]["properties"]["credentials"]["maxProperties"] == 0
    assert "required" not in rules["sandbox"]
    roles = create["properties"]["credentials"]["propertyNames"]["pattern"]
    assert roles == "^[a-z][a-z0-9_]{0,63}$"


@given(address=st.from_regex(ADDRESS_PATTERN, fullmatch=True))
@settings(max_examples=300, derandomize=True, database=None, deadline=None)
def test_every_sender_address_the_document_allows_is_taken(address: str) -> None:
    assert EmailConfig.model_validate({"smtp_host": "smtp.example.com", "from_address": address})


async def test_validation_names_the_field_and_stores_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()

    async def refused(body: dict[str, object], status: int, code: str) -> set[str]:
        r = await client.post(CHANNELS, json={"name": unique("c"), **body}, headers=org.headers)
        assert_error(r, status, code)
        return error_fields(r)

    assert await refused({"kind": "pigeon"}, 422, "VALIDATION_ERROR") == {"kind"}
    # A kind CHANNELS.md names whose provider is not installed: refused, never half-made.
    assert await refused({"kind": "telegram_x"}, 422, "VALIDATION_ERROR") == {"kind"}
    assert await refused(
        {"kind": "sandbox", "config": {"addresses": "pigeon"}}, 422, "VALIDATION_ERROR"
    ) == {"config.addresses"}
    assert await refused(
        {"kind": "sandbox", "credentials": {"token": "x"}}, 422, "VALIDATION_ERROR"
    ) == {"credentials.token"}
    assert await refused(
        {"kind": "test_http", "config": {"api_base": "http://x"}}, 422, "VALIDATION_ERROR"
    ) == {"credentials.app_secret"}
    assert await refused(
        {
            "kind": "test_http",
            "config": {"api_base": "http://x"},
            "credentials": {"app_secret": "no_such_secret"},
        },
        404,
        "NOT_FOUND",
    ) == {"credentials.app_secret"}
    assert await refused(
        {"kind": "sandbox", "on_message": {"flow_id": "flow_nope"}}, 404, "NOT_FOUND"
    ) == {"on_message.flow_id"}
    assert await refused(
        {"kind": "sandbox", "on_message": {"agent_id": "agt_nope"}}, 404, "NOT_FOUND"
    ) == {"on_message.agent_id"}
    r = await client.post(
        CHANNELS,
        json={"name": "x", "kind": "sandbox", "limits": {"allowed_countries": ["ZZ"]}},
        headers=org.headers,
    )
    assert_error(r, 422, "VALIDATION_ERROR")
    assert "limits" in str(r.json()["details"])
    assert (await client.get(CHANNELS, headers=org.headers)).json()["total"] == 0

    made = await make_channel(client, org)
    r = await client.post(
        CHANNELS, json={"name": made["name"], "kind": "sandbox"}, headers=org.headers
    )
    assert_error(r, 409, "CONFLICT")
    assert error_fields(r) == {"name"}


async def test_a_kind_without_its_provider_is_a_clear_422(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    removed = remove("telegram")
    try:
        r = await client.post(CHANNELS, json={"name": "x", "kind": "telegram"}, headers=org.headers)
        assert_error(r, 422, "CHANNEL_KIND_NOT_AVAILABLE")
        assert error_fields(r) == {"kind"}
    finally:
        if removed is not None:
            install(removed)
    assert (await client.get(CHANNELS, headers=org.headers)).json()["total"] == 0


async def test_the_record_shows_secret_names_never_values(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    channel = await make_http_channel(client, org, "http://127.0.0.1:9", SECRET_VALUE)
    secret_name = channel["credentials"]["app_secret"]
    assert secret_name.startswith("sec")
    for r in (
        await client.get(f"{CHANNELS}/{channel['id']}", headers=org.headers),
        await client.get(CHANNELS, headers=org.headers),
        await client.post(f"{CHANNELS}/{channel['id']}/test", headers=org.headers),
    ):
        assert r.status_code == 200, r.text
        assert SECRET_VALUE not in r.text
    assert (await client.post(f"{CHANNELS}/{channel['id']}/test", headers=org.headers)).json()[
        "data"
    ]["ok"] is True


async def test_another_organisations_channel_contact_and_message_are_404(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org, other = await factory.org(), await factory.org()
    channel = await make_channel(client, org)
    r = await say(client, org, channel["id"], "hello")
    assert r.status_code == 202, r.text
    message = r.json()["data"]
    cid = channel["id"]
    for path in (
        f"{CHANNELS}/{cid}",
        f"{CHANNELS}/{cid}/messages",
        f"{CHANNELS}/{cid}/stream",
        f"/api/v1/messages/{message['id']}",
        f"/api/v1/contacts/{message['contact_id']}",
        f"/api/v1/contacts/{message['contact_id']}/messages",
    ):
        r = await client.get(path, headers=other.headers)
        assert r.status_code == 404, (path, r.text)
    assert (await client.get("/api/v1/contacts", headers=other.headers)).json()["total"] == 0
    assert_error(await send(client, other, cid), 404, "CHANNEL_NOT_FOUND")
    assert_error(await say(client, other, cid, "hi"), 404, "CHANNEL_NOT_FOUND")
    r = await client.put(
        f"{CHANNELS}/{cid}", json={"name": "x", "kind": "sandbox"}, headers=other.headers
    )
    assert_error(r, 404, "CHANNEL_NOT_FOUND")
    assert (await client.delete(f"{CHANNELS}/{cid}", headers=other.headers)).status_code == 404


async def test_contacts_search_patch_and_their_messages(
    client: httpx.AsyncClient, factory: Factory, worker: Worker
) -> None:
    org = await factory.org()
    channel = await make_channel(client, org)
    r = await say(client, org, channel["id"], "hello", name="Ada Lovelace")
    contact_id = r.json()["data"]["contact_id"]
    sent = await send(client, org, channel["id"], "hi Ada")
    assert sent.status_code == 202, sent.text
    await message_once(client, org, sent.json()["data"]["id"], {"sent"})

    for q in ("lovelace", "415555"):
        found = (await client.get(f"/api/v1/contacts?q={q}", headers=org.headers)).json()
        assert [c["id"] for c in found["data"]] == [contact_id], q
    assert (await client.get("/api/v1/contacts?q=nobody", headers=org.headers)).json()["total"] == 0

    contact = (await client.get(f"/api/v1/contacts/{contact_id}", headers=org.headers)).json()[
        "data"
    ]
    assert contact["address"] == PHONE
    assert contact["name"] == "Ada Lovelace"
    assert contact["conversation_id"].startswith("conv_")
    assert contact["last_inbound_at"] is not None

    r = await client.patch(
        f"/api/v1/contacts/{contact_id}", json={"metadata": {"tier": "gold"}}, headers=org.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["data"]["metadata"] == {"tier": "gold"}
    r = await client.patch(f"/api/v1/contacts/{contact_id}", json={}, headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")

    listed = (
        await client.get(f"/api/v1/contacts/{contact_id}/messages", headers=org.headers)
    ).json()
    assert [m["direction"] for m in listed["data"]] == ["out", "in"]  # newest first
    assert {m["conversation_id"] for m in listed["data"]} == {contact["conversation_id"]}

    base = f"{CHANNELS}/{channel['id']}/messages"
    assert [
        m["direction"]
        for m in (await client.get(f"{base}?direction=in", headers=org.headers)).json()["data"]
    ] == ["in"]
    assert (await client.get(f"{base}?status=sent", headers=org.headers)).json()["total"] == 1
    assert (await client.get(f"{base}?contact_id={contact_id}", headers=org.headers)).json()[
        "total"
    ] == 2
    assert (await client.get(f"{base}?since=2999-01-01T00:00:00Z", headers=org.headers)).json()[
        "total"
    ] == 0
    r = await client.get(f"{base}?direction=sideways", headers=org.headers)
    assert_error(r, 422, "VALIDATION_ERROR")
