from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from flowline.outbound.client import OutboundClient


@pytest.fixture
async def outbound() -> AsyncIterator[OutboundClient]:
    client = OutboundClient("tests@flowline.example", allow_hosts=["127.0.0.1"])
    try:
        yield client
    finally:
        await client.close()
