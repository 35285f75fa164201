"""An embedded SQLite database is served by one process; a second is refused."""

from __future__ import annotations

import asyncio

import pytest

from tests.cli.environment import Instance
from tests.e2e.test_serve import Servers
from tests.postgres import PG_URL

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(PG_URL is not None, reason="PostgreSQL takes any number of processes"),
]


async def test_a_second_server_on_the_same_sqlite_file_is_refused(instance: Instance) -> None:
    async with Servers() as servers:
        await servers.serve(instance)
        second = await servers.start(instance, "serve")
        code = await asyncio.wait_for(second.process.wait(), 120)  # a loaded machine starts slowly
        await second.kill()
        assert code == 2
        assert "is in use by pid" in second.output
        worker = await instance.cli("worker")
        assert worker.code == 2
        assert "needs PostgreSQL" in worker.stderr
