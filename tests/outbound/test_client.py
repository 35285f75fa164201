"""The client against the loopback fake, without the test suite's allowance.

These build their own ``OutboundClient``: the policy here is the default one
(loopback refused), opened only where a test says so.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import httpcore
import pytest

from flowline.outbound.client import (
    Credential,
    OutboundClient,
    OutboundFailed,
    OutboundRefused,
    OutboundRequest,
)
from flowline.outbound.retry import RetryPolicy
from tests.fakes.http import Answer, FakeApi, serve_fake

PUBLIC = "93.184.216.34"
CONTACT = "ops@example.test"


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


class Rebinding:
    """A DNS server that answers a public address first, loopback afterwards."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.asked = 0

    async def resolve(self, host: str, port: int) -> list[str]:
        self.asked += 1
        return self.answers[min(self.asked, len(self.answers)) - 1]


class Recording(httpcore.AsyncNetworkBackend):
    """The real network, noting every address connected to; ``PUBLIC`` is unreachable."""

    def __init__(self) -> None:
        self.inner = httpcore.AnyIOBackend()
        self.connected: list[str] = []

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connected.append(host)
        if host == PUBLIC:
            raise httpcore.ConnectError("no route in tests")
        return await self.inner.connect_tcp(host, port, timeout, local_address, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


FAST = RetryPolicy(attempts=2, initial_seconds=0.01, max_seconds=0.01)


async def test_dns_rebinding_never_reaches_loopback(api: FakeApi) -> None:
    resolver = Rebinding([PUBLIC], ["127.0.0.1"])
    network = Recording()
    client = OutboundClient(CONTACT, resolver=resolver, network=network)
    try:
        with pytest.raises(OutboundRefused, match="loopback"):
            await client.send(
                OutboundRequest("GET", f"http://rebind.example:{api.port}/x", retry=FAST)
            )
    finally:
        await client.close()
    # Each connection resolved once and went to the address it checked; the retry's
    # connection got loopback from the resolver and was refused before connecting.
    assert resolver.asked == 2
    assert network.connected == [PUBLIC]
    assert api.requests == []


async def test_a_rebound_answer_is_refused_before_connecting(api: FakeApi) -> None:
    resolver = Rebinding(["127.0.0.1"])
    network = Recording()
    client = OutboundClient(CONTACT, resolver=resolver, network=network)
    try:
        with pytest.raises(OutboundRefused, match="loopback"):
            await client.send(OutboundRequest("GET", f"http://rebind.example:{api.port}/x"))
    finally:
        await client.close()
    assert network.connected == []
    assert api.requests == []


async def test_a_name_with_any_private_answer_is_refused(api: FakeApi) -> None:
    client = OutboundClient(CONTACT, resolver=Rebinding([PUBLIC, "10.0.0.7"]), network=Recording())
    try:
        with pytest.raises(OutboundRefused, match=r"mixed\.example \(10\.0\.0\.7\) is a private"):
            await client.send(OutboundRequest("GET", f"http://mixed.example:{api.port}/"))
    finally:
        await client.close()


async def test_an_allowed_name_connects_to_the_address_it_resolved(api: FakeApi) -> None:
    network = Recording()
    client = OutboundClient(
        CONTACT,
        allow_hosts=["127.0.0.0/8"],
        resolver=Rebinding(["127.0.0.1"]),
        network=network,
    )
    try:
        response = await client.send(OutboundRequest("GET", f"http://svc.test:{api.port}/ok"))
    finally:
        await client.close()
    assert response.status == 200
    assert network.connected == ["127.0.0.1"]
    seen = api.seen("/ok")[0]
    assert seen.headers["host"] == f"svc.test:{api.port}"  # the original Host header
    assert seen.headers["user-agent"].startswith("Flowline/")
    assert CONTACT in seen.headers["user-agent"]


async def test_loopback_is_refused_by_default(api: FakeApi) -> None:
    client = OutboundClient(CONTACT)
    try:
        with pytest.raises(OutboundRefused, match="loopback"):
            await client.send(OutboundRequest("GET", f"{api.url}/x"))
    finally:
        await client.close()
    assert api.requests == []


async def test_cross_host_redirects_drop_credentials(api: FakeApi) -> None:
    api.answer("/start", Answer(302, headers={"location": f"http://localhost:{api.port}/landed"}))
    api.answer("/again", Answer(307, headers={"location": "/landed"}))
    client = OutboundClient(CONTACT, allow_hosts=["127.0.0.1", "localhost"])
    token = Credential("t", "bearer", "s3cret-token-value", hosts=("127.0.0.1",))
    try:
        response = await client.send(
            OutboundRequest(
                "GET",
                f"{api.url}/start",
                headers={"X-API-Key": "user-supplied", "X-Trace": "1"},
                credential=token,
            )
        )
        assert response.status == 200
        assert response.attempts[0].redirects == 1
        same = await client.send(OutboundRequest("POST", f"{api.url}/again", credential=token))
        assert same.status == 200
    finally:
        await client.close()
    first, landed = api.seen("/start")[0], api.seen("/landed")[0]
    assert first.headers["authorization"] == "Bearer s3cret-token-value"
    assert "authorization" not in landed.headers
    assert "x-api-key" not in landed.headers
    assert landed.headers["x-trace"] == "1"
    # A redirect within the origin keeps the credential and (307) the method.
    again = api.seen("/landed")[1]
    assert again.method == "POST"
    assert again.headers["authorization"] == "Bearer s3cret-token-value"


async def test_redirects_are_capped(api: FakeApi) -> None:
    api.answer("/loop", Answer(302, headers={"location": "/loop"}))
    client = OutboundClient(CONTACT, allow_hosts=["127.0.0.1"])
    try:
        with pytest.raises(OutboundFailed) as caught:
            await client.send(OutboundRequest("GET", f"{api.url}/loop", max_redirects=3))
    finally:
        await client.close()
    assert caught.value.error_code == "TOO_MANY_REDIRECTS"
    assert len(api.seen("/loop")) == 4


async def test_a_redirect_to_a_private_address_is_refused(api: FakeApi) -> None:
    api.answer("/go", Answer(301, headers={"location": "http://192.168.0.10/admin"}))
    client = OutboundClient(CONTACT, allow_hosts=["127.0.0.1"])
    try:
        with pytest.raises(OutboundRefused, match=r"192\.168\.0\.10 is a private address"):
            await client.send(OutboundRequest("GET", f"{api.url}/go"))
    finally:
        await client.close()


async def test_an_unbound_credential_is_refused_before_connecting(api: FakeApi) -> None:
    client = OutboundClient(CONTACT, allow_hosts=["127.0.0.1"])
    token = Credential("capi", "bearer", "s3cret-token-value", hosts=("admin.joinflow.com",))
    try:
        with pytest.raises(OutboundRefused) as caught:
            await client.send(OutboundRequest("GET", f"{api.url}/x", credential=token))
    finally:
        await client.close()
    assert "s3cret" not in caught.value.message
    assert "not bound" in caught.value.message
    assert api.requests == []
