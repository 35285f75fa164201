"""Shared fixtures: one migrated database per test session, the real ASGI app,
and factories that give every test its own organisation (so tests never see
each other's rows, and need no clean-up).

``FLOWLINE_TEST_DATABASE_URL`` selects PostgreSQL; otherwise SQLite in a temp dir.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from flowline.app import build_runtime, create_app
from flowline.auth.tokens import set_password_cost
from flowline.config import Settings
from flowline.db import migrate
from flowline.engine.worker import Worker
from flowline.runtime import Runtime
from tests.factories import Factory
from tests.postgres import PG_URL, create_database, drop_database

STOP_SECONDS = 5.0
"""How long the ``worker`` fixture lets in-flight tasks finish before cancelling them."""

# Users are made by the hundred here; the production Argon2 cost is for people.
set_password_cost(time_cost=1, memory_kib=1024)


def pytest_report_header() -> str:
    return f"flowline database: {'postgresql' if PG_URL else 'sqlite'}"


@pytest.fixture(scope="session")
def worker_id_name(request: pytest.FixtureRequest) -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
async def database_url(
    tmp_path_factory: pytest.TempPathFactory, worker_id_name: str
) -> AsyncIterator[str]:
    """One migrated database per test session (and xdist worker), dropped after."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'flowline.db'}"
        return
    # Per process too, so that two runs at once on one server never meet.
    name = f"{make_url(PG_URL).database}_{worker_id_name}_{os.getpid()}"
    yield await create_database(name)
    await drop_database(name)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def settings(database_url: str, data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        database_url=database_url,
        secret_key=Fernet.generate_key().decode(),
        rate_limit_per_minute=100_000,
        access_log=True,
        allow_hosts=["127.0.0.1"],  # the fakes of other APIs listen on loopback
    )


@pytest.fixture(scope="session")
async def runtime(settings: Settings) -> AsyncIterator[Runtime]:
    runtime = build_runtime(settings)
    await migrate.upgrade(runtime.db.engine)
    await runtime.bus.start()  # the app's lifespan does this; the test transport has none
    yield runtime
    await runtime.bus.close()
    await runtime.db.dispose()


@pytest.fixture(scope="session")
def app(runtime: Runtime) -> FastAPI:
    return create_app(runtime=runtime)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://flowline.test") as c:
        yield c


@pytest.fixture
def factory(runtime: Runtime) -> Factory:
    return Factory(runtime)


@pytest.fixture
async def worker(runtime: Runtime) -> AsyncIterator[Worker]:
    """The engine's worker, running beside the test (the ASGI test transport has no
    lifespan to start the embedded one)."""
    made = Worker(runtime, slots=8)
    task = asyncio.create_task(made.run())
    yield made
    # Stopped between transactions, not cancelled in one: a SQLite connection cut short
    # mid-transaction can keep the write lock, and the next test's writers time out.
    made.stop()
    try:
        await asyncio.wait_for(asyncio.shield(task), STOP_SECONDS)
    except TimeoutError:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
