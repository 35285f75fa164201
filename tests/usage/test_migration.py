"""Revision 0014 counts this month's usage recorded before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from flowline.db import migrate
from tests.db.test_migrations import empty_engine  # noqa: F401  (the fixture)


def _upgrade_to(revision: str) -> object:
    def run(connection: Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(migrate.migrations_dir()))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    return run


async def test_upgrade_counts_this_months_usage(empty_engine: AsyncEngine) -> None:  # noqa: F811
    async with empty_engine.connect() as connection:
        await connection.run_sync(_upgrade_to("0012"))
        await connection.commit()
    now = datetime.now(UTC)
    last_month = now.replace(day=1) - timedelta(days=1)
    async with empty_engine.begin() as connection:
        await connection.execute(
            sa.text(
                "INSERT INTO organizations (id, name, created_at, updated_at) "
                "VALUES ('org_m', 'm', :now, :now)"
            ),
            {"now": now},
        )
        await connection.execute(
            sa.text(
                "INSERT INTO users (id, org_id, email, name, password_hash, role, "
                "is_instance_admin, is_active, version, created_at, updated_at) VALUES "
                "('usr_m', 'org_m', 'm@example.com', 'm', 'x', 'owner', false, true, 1, :now, :now)"
            ),
            {"now": now},
        )
        insert = sa.text(
            "INSERT INTO llm_usage (id, org_id, user_id, model, input_tokens, output_tokens, "
            "cost, created_at) VALUES (:id, 'org_m', :user, 'm/x', 1, 1, :cost, :at)"
        )
        for id_, user, cost, at in [
            ("use_1", "usr_m", 1.5, now),
            ("use_2", None, 0.25, now),
            ("use_3", "usr_m", 100.0, last_month),
        ]:
            await connection.execute(insert, {"id": id_, "user": user, "cost": cost, "at": at})

    await migrate.upgrade(empty_engine)

    async with empty_engine.connect() as connection:
        rows = await connection.execute(
            sa.text("SELECT subject_type, subject_id, period, period_spend_usd FROM budgets")
        )
        found = {(kind, subject): (period, spend) for kind, subject, period, spend in rows}
    month = f"{now.year:04d}-{now.month:02d}"
    assert found == {("org", "org_m"): (month, 1.75), ("user", "usr_m"): (month, 1.5)}
