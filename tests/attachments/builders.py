"""Attachments made directly, for tests that need one without a flow."""

from __future__ import annotations

from flowline.attachments import service
from flowline.runtime import Runtime
from tests.factories import Org


async def make_attachment(runtime: Runtime, org: Org, data: bytes = b"\x00\x01bytes") -> str:
    async with runtime.db.session(write=True) as session:
        stored = await service.store(session, org.id, data, "application/octet-stream")
        return stored.id
