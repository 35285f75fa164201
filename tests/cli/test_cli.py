"""The ``flowline`` command, run as a real process against a fresh instance."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import stat
from datetime import timedelta

import pytest
import sqlalchemy as sa

from flowline import __version__
from flowline.auth import tokens
from flowline.config import async_database_url
from flowline.db import migrate
from flowline.db.models import ApiKey, User
from flowline.db.session import Database
from flowline.db.types import utcnow
from tests.cli.environment import PG_URL, CliResult, Instance

KEY_PATTERN = re.compile(r"flk_[0-9A-Za-z]+")
HEAVY_MODULES = ("fastapi", "starlette", "sqlalchemy", "uvicorn", "alembic", "flowline.app")


async def stored_key(instance: Instance, raw: str) -> tuple[ApiKey, User]:
    """The key row behind ``raw`` and its user, straight from the instance's database."""
    db = Database(async_database_url(instance.database_url), pool_size=1)
    try:
        async with db.session() as session:
            key = (
                await session.execute(
                    sa.select(ApiKey).where(ApiKey.key_hash == tokens.token_hash(raw))
                )
            ).scalar_one_or_none()
            assert key is not None, "the printed key is not in the database"
            user = await session.get(User, key.user_id)
            assert user is not None
    finally:
        await db.dispose()
    return key, user


def one_error_line(result: CliResult) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


async def test_version(instance: Instance) -> None:
    result = await instance.cli("--version")
    assert result.code == 0, result.stderr
    assert result.stdout == f"flowline {__version__}\n"


async def test_version_does_not_load_the_web_stack(instance: Instance) -> None:
    result = await instance.cli("--version", python=["-X", "importtime"])
    assert result.code == 0, result.stderr
    loaded = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "typer" in loaded  # the import log is really there
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY_MODULES or m in HEAVY_MODULES)
    assert heavy == []


async def test_init_prints_the_owner_once_and_is_idempotent(instance: Instance) -> None:
    first = await instance.cli("init")
    assert first.code == 0, first.stderr

    path = instance.credentials_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((instance.data_dir / "secret.key").stat().st_mode) == 0o600
    creds = instance.credentials()
    assert set(creds) == {"email", "password", "api_key"}
    assert tokens.is_well_formed_key(creds["api_key"])
    for value in (creds["email"], creds["password"], creds["api_key"], str(path)):
        assert value in first.stdout

    _, owner = await stored_key(instance, creds["api_key"])
    assert owner.email == creds["email"]
    assert owner.role == "owner"
    assert owner.is_instance_admin
    assert tokens.verify_password(owner.password_hash, creds["password"])

    second = await instance.cli("init")
    assert second.code == 0, second.stderr
    assert "already initialised" in second.stdout
    assert creds["password"] not in second.stdout + second.stderr
    assert creds["api_key"] not in second.stdout + second.stderr
    assert instance.credentials() == creds


async def test_apikey_create_prints_only_the_key(ready_instance: Instance) -> None:
    creds = ready_instance.credentials()
    result = await ready_instance.cli(
        "apikey",
        "create",
        "--name",
        "ci",
        "--scopes",
        "kv:read, kv:write",
        "--scopes",
        "flows:read",
        "--expires-in-days",
        "7",
    )
    assert result.code == 0, result.stderr
    raw = result.stdout.removesuffix("\n")
    assert result.stdout == raw + "\n"
    assert tokens.is_well_formed_key(raw)
    assert raw != creds["api_key"]

    key, user = await stored_key(ready_instance, raw)
    assert key.name == "ci"
    assert key.scopes == ["flows:read", "kv:read", "kv:write"]
    assert user.email == creds["email"]
    assert key.expires_at is not None
    assert abs(key.expires_at - (utcnow() + timedelta(days=7))) < timedelta(minutes=5)


async def test_apikey_create_without_scopes_is_unrestricted(ready_instance: Instance) -> None:
    result = await ready_instance.cli("apikey", "create", "--name", "all")
    assert result.code == 0, result.stderr
    key, _ = await stored_key(ready_instance, result.stdout.strip())
    assert key.scopes is None
    assert key.expires_at is None


async def test_apikey_create_for_another_organisation(ready_instance: Instance) -> None:
    made = await ready_instance.cli(
        "org", "create", "Acme", "--owner-email", "boss@acme.test", "--json"
    )
    assert made.code == 0, made.stderr
    org_id = json.loads(made.stdout)["org_id"]

    result = await ready_instance.cli("apikey", "create", "--name", "acme-ci", "--org", org_id)
    assert result.code == 0, result.stderr
    key, user = await stored_key(ready_instance, result.stdout.strip())
    assert key.org_id == org_id
    assert user.email == "boss@acme.test"


async def test_apikey_create_refuses_unknown_scopes(ready_instance: Instance) -> None:
    result = await ready_instance.cli(
        "apikey", "create", "--name", "x", "--scopes", "kv:read,nope:write,zz"
    )
    assert result.code == 2
    assert result.stdout == ""
    line = one_error_line(result)
    assert "nope:write" in line
    assert "zz" in line
    assert "kv:read" not in line.partition("unknown")[2]


async def test_apikey_create_refuses_an_unknown_org(ready_instance: Instance) -> None:
    result = await ready_instance.cli("apikey", "create", "--name", "x", "--org", "org_missing")
    assert result.code == 1
    assert result.stdout == ""
    assert "org_missing" in one_error_line(result)


async def test_apikey_create_needs_an_initialised_instance(instance: Instance) -> None:
    result = await instance.cli("apikey", "create", "--name", "x")
    assert result.code == 1
    assert result.stdout == ""
    assert "flowline init" in one_error_line(result)


async def test_org_create(ready_instance: Instance) -> None:
    result = await ready_instance.cli("org", "create", "Acme Ltd", "--owner-email", "Ada@Acme.test")
    assert result.code == 0, result.stderr
    assert "ada@acme.test" in result.stdout
    assert re.search(r"org_[0-9a-z]{26}", result.stdout)
    keys = KEY_PATTERN.findall(result.stdout)
    assert len(keys) == 1
    key, owner = await stored_key(ready_instance, keys[0])
    assert owner.email == "ada@acme.test"
    assert owner.role == "owner"
    assert not owner.is_instance_admin
    assert key.org_id == owner.org_id
    assert owner.org_id in result.stdout


async def test_org_create_json_and_duplicate_email(ready_instance: Instance) -> None:
    result = await ready_instance.cli(
        "org", "create", "Beta", "--owner-email", "b@beta.test", "--json"
    )
    assert result.code == 0, result.stderr
    made = json.loads(result.stdout)
    assert set(made) == {"org_id", "name", "owner_email", "password", "api_key"}
    assert made["name"] == "Beta"
    key, owner = await stored_key(ready_instance, made["api_key"])
    assert key.org_id == made["org_id"]
    assert tokens.verify_password(owner.password_hash, made["password"])

    again = await ready_instance.cli("org", "create", "Gamma", "--owner-email", "B@beta.test")
    assert again.code == 1
    assert again.stdout == ""
    assert "already exists" in one_error_line(again)


async def test_org_create_refuses_a_bad_email(ready_instance: Instance) -> None:
    result = await ready_instance.cli("org", "create", "Delta", "--owner-email", "not-an-email")
    assert result.code == 2
    assert "--owner-email" in one_error_line(result)


async def test_db_upgrade(instance: Instance) -> None:
    head = migrate.head_revision()
    assert head is not None

    first = await instance.cli("db", "upgrade")
    assert first.code == 0, first.stderr
    assert f"upgraded from empty to revision {head}" in first.stdout

    again = await instance.cli("db", "upgrade")
    assert again.code == 0, again.stderr
    assert f"already at revision {head}" in again.stdout

    # A schema made by `db upgrade` still gets its owner on first init.
    init = await instance.cli("init")
    assert init.code == 0, init.stderr
    assert instance.credentials()["api_key"] in init.stdout


@pytest.mark.parametrize(
    ("args", "variable", "value"),
    [
        (["serve"], "FLOWLINE_PORT", "notaport"),
        (["worker"], "FLOWLINE_PORT", "notaport"),
        (["db", "upgrade"], "FLOWLINE_DATABASE_URL", "mysql://localhost/flowline"),
        (["org", "create", "A", "--owner-email", "a@a.test"], "FLOWLINE_LOG_LEVEL", "loud"),
    ],
)
async def test_a_bad_setting_is_one_line_naming_it(
    instance: Instance, args: list[str], variable: str, value: str
) -> None:
    result = await instance.cli(*args, env={variable: value})
    assert result.code == 2
    assert result.stdout == ""
    assert variable in one_error_line(result)


async def test_worker_refuses_sqlite_and_runs_on_postgresql(instance: Instance) -> None:
    if PG_URL is None:
        result = await instance.cli("worker")
        assert result.code == 2
        assert "a separate worker needs PostgreSQL" in one_error_line(result)
        return
    assert (await instance.cli("init")).code == 0  # the key file the worker decrypts with
    process = await instance.start("worker")
    try:
        assert process.stderr is not None
        line = await asyncio.wait_for(process.stderr.readline(), 60)
        assert b"running with" in line
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_serve_refuses_a_port_out_of_range(instance: Instance) -> None:
    result = await instance.cli("serve", "--port", "70000")
    assert result.code == 2
    assert "65535" in result.stderr
    assert not instance.data_dir.exists()  # refused before touching anything


@pytest.mark.skipif(PG_URL is not None, reason="SQLite's refusal")
async def test_serve_refuses_several_processes_on_sqlite(instance: Instance) -> None:
    result = await instance.cli("serve", "--processes", "2")
    assert result.code == 2
    assert "--processes needs PostgreSQL" in result.stderr
    assert not (instance.data_dir / "flowline.db").exists()  # refused before migrating


async def test_serve_exits_3_when_the_port_is_taken(ready_instance: Instance) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = await ready_instance.cli("serve", "--port", str(port))
    assert result.code == 3
    assert "address already in use" in result.stderr
