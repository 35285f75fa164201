from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.http import FakeApi, serve_fake


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake
