"""Reaching this instance's database from a command, and reporting what goes wrong."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from flowline.cli.console import EXIT_USAGE, fail
from flowline.config import ConfigError, Settings
from flowline.db import migrate
from flowline.db.session import Database
from flowline.errors import FlowlineError
from flowline.orgs.service import owner_principal

T = TypeVar("T")


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run a command's async part; expected failures become one line and an exit code."""
    try:
        return asyncio.run(work)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)
    except FlowlineError as exc:
        fail(exc.message)
    except DBAPIError as exc:
        fail(f"database error: {_first_line(exc.orig)}")
    except SQLAlchemyError as exc:
        fail(f"database error: {_first_line(exc)}")
    except CommandError as exc:
        fail(f"migration failed: {_first_line(exc)}")
    except ConnectionError as exc:
        fail(f"cannot reach the database: {_first_line(exc)}")
    except OSError as exc:
        fail(_first_line(exc))


def _first_line(exc: BaseException | None) -> str:
    text = str(exc).strip() if exc is not None else ""
    return text.splitlines()[0] if text else type(exc).__name__


def sqlite_file(settings: Settings) -> Path | None:
    """The SQLite database file, or None on PostgreSQL and in-memory SQLite."""
    if not settings.is_sqlite:
        return None
    database = make_url(settings.resolved_database_url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


@asynccontextmanager
async def open_database(settings: Settings, *, create: bool = False) -> AsyncIterator[Database]:
    """The configured database; without ``create``, a missing SQLite file is an error
    (connecting would leave an empty one behind)."""
    path = sqlite_file(settings)
    if path is not None:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            fail(f"no database at {path}; run `flowline init` first")
    db = Database(settings.resolved_database_url, pool_size=1)
    try:
        yield db
    finally:
        await db.dispose()


async def require_initialised(db: Database) -> None:
    """Exit unless the schema is current and the instance has its first organisation."""
    current = await migrate.current_revision(db.engine)
    if current is None:
        fail("the database has no Flowline schema yet; run `flowline init` first")
    head = migrate.head_revision()
    if current != head:
        fail(
            f"the database schema is at {current}, this version needs {head}; "
            "run `flowline db upgrade`"
        )
    async with db.session() as session:
        await owner_principal(session)
