"""The fake providers on loopback, and retries that wait only in the record."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from flowline.llm import retry
from flowline.llm.retry import RetryPolicy
from tests.fakes.anthropic_server import FakeAnthropic, serve_anthropic
from tests.fakes.openai_server import FakeOpenAI, serve_openai


class Waits:
    """A ``sleep`` that notes how long it was asked to wait, and does not."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> Waits:
    noted = Waits()
    monkeypatch.setattr(retry, "DEFAULT_POLICY", RetryPolicy(sleep=noted))
    return noted


@pytest.fixture
def policy(waits: Waits) -> RetryPolicy:
    return retry.DEFAULT_POLICY


@pytest.fixture
async def openai_fake() -> AsyncIterator[FakeOpenAI]:
    async with serve_openai() as fake:
        yield fake


@pytest.fixture
async def anthropic_fake() -> AsyncIterator[FakeAnthropic]:
    async with serve_anthropic() as fake:
        yield fake
