"""The per-caller token bucket, and the 429 it turns into at the API."""

from __future__ import annotations

import httpx
import pytest

from flowline.app import create_app
from flowline.ratelimit import RateLimiter, retry_after_header
from flowline.runtime import Runtime
from tests.factories import Factory


def test_a_full_bucket_allows_a_burst_of_its_capacity() -> None:
    limiter = RateLimiter(per_minute=3)
    assert [limiter.acquire("k", now=100.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.acquire("k", now=100.0)
    assert wait == pytest.approx(20.0)  # one token per 60/3 seconds


def test_tokens_come_back_at_the_configured_rate() -> None:
    limiter = RateLimiter(per_minute=60)  # one a second
    for _ in range(60):
        assert limiter.acquire("k", now=0.0) == 0.0
    assert limiter.acquire("k", now=0.0) == pytest.approx(1.0)
    assert limiter.acquire("k", now=0.5) == pytest.approx(0.5)
    assert limiter.acquire("k", now=1.0) == 0.0
    assert limiter.acquire("k", now=1.0) > 0.0


def test_refused_attempts_do_not_spend_tokens() -> None:
    limiter = RateLimiter(per_minute=60)
    for _ in range(60):
        limiter.acquire("k", now=0.0)
    for _ in range(10):
        assert limiter.acquire("k", now=0.0) > 0.0
    assert limiter.acquire("k", now=1.0) == 0.0


def test_the_bucket_never_holds_more_than_its_capacity() -> None:
    limiter = RateLimiter(per_minute=2)
    limiter.acquire("k", now=0.0)
    # An hour idle refills to 2, not to 120.
    assert limiter.acquire("k", now=3600.0) == 0.0
    assert limiter.acquire("k", now=3600.0) == 0.0
    assert limiter.acquire("k", now=3600.0) > 0.0


def test_callers_have_separate_buckets() -> None:
    limiter = RateLimiter(per_minute=1)
    assert limiter.acquire("a", now=0.0) == 0.0
    assert limiter.acquire("a", now=0.0) > 0.0
    assert limiter.acquire("b", now=0.0) == 0.0


def test_zero_disables_the_limit() -> None:
    limiter = RateLimiter(per_minute=0)
    assert not limiter.enabled
    assert all(limiter.acquire("k", now=0.0) == 0.0 for _ in range(1000))


def test_many_callers_are_evicted_without_losing_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flowline.ratelimit._MAX_BUCKETS", 10)
    limiter = RateLimiter(per_minute=1)
    for i in range(25):
        assert limiter.acquire(f"caller-{i}", now=0.0) == 0.0
    assert len(limiter._buckets) <= 10


@pytest.mark.parametrize(
    ("wait", "header"), [(0.001, "1"), (0.5, "1"), (1.0, "1"), (1.01, "2"), (19.2, "20")]
)
def test_retry_after_is_whole_seconds_rounded_up(wait: float, header: str) -> None:
    assert retry_after_header(wait) == header


async def test_api_answers_429_with_retry_after(runtime: Runtime, factory: Factory) -> None:
    org = await factory.org()
    limited = Runtime(
        settings=runtime.settings,
        db=runtime.db,  # shared: this app is never started, so nothing disposes it
        secret_box=runtime.secret_box,
        rate_limiter=RateLimiter(per_minute=3),
    )
    app = create_app(runtime=limited)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as client:
        for _ in range(3):
            r = await client.get("/api/v1/auth/me", headers=org.headers)
            assert r.status_code == 200, r.text
        r = await client.get("/api/v1/auth/me", headers=org.headers)
        assert r.status_code == 429, r.text
        retry_after = r.headers["Retry-After"]
        assert retry_after.isdigit()
        assert int(retry_after) >= 1
        body = r.json()
        assert body["error"] == "RATE_LIMITED"
        assert body["statusCode"] == 429
        assert body["message"]

        # The limit is per key: another key of the same organisation still works.
        other = await factory.member(org)
        r = await client.get("/api/v1/auth/me", headers=other.headers)
        assert r.status_code == 200, r.text
