"""New runs and steps, written as whole rows by one multi-row ``INSERT`` per table.

``engine/transitions.py`` holds the runs and steps a transaction makes
(``add_new``) and hands them here before the session flushes, starts a savepoint
or commits; this module only turns the objects into rows and inserts them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

from flowline.db.models.run import Run, Step


def _table(model: type[Any]) -> sa.Table:
    table = model.__table__
    assert isinstance(table, sa.Table)
    return table


_NULL_JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


def _new_columns(table: sa.Table) -> tuple[tuple[str, Any], ...]:
    """Each column of a table and what a new row holds there if its object never set it
    (the column's default, else ``None``)."""
    columns = []
    for column in table.columns:
        default = column.default
        if isinstance(default, sa.ColumnDefault) and default.is_callable:
            columns.append((column.name, default.arg))
        elif isinstance(default, sa.ColumnDefault) and default.is_scalar:
            columns.append((column.name, functools.partial(lambda v, _: v, default.arg)))
        else:
            columns.append((column.name, None))
    return tuple(columns)


def _insert_new(table: sa.Table) -> sa.Insert:
    """A multi-row ``INSERT`` of whole rows; ``None`` in a nullable JSON column is SQL
    ``NULL`` (as the ORM writes a JSON attribute never set), in another JSON ``null``."""
    return sa.insert(table).values(
        {
            c.name: sa.bindparam(
                c.name, type_=_NULL_JSON if isinstance(c.type, sa.JSON) and c.nullable else c.type
            )
            for c in table.columns
        }
    )


def _new_row(row: Run | Step, columns: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    """The held object's row; the columns it never set get their defaults, on the object
    too (a detached row must hold every column)."""
    values = row.__dict__
    for name, default in columns:
        if name not in values:
            values[name] = None if default is None else default(None)
    return {name: values[name] for name, _ in columns}


_RUN_NEW = _new_columns(_table(Run))
_STEP_NEW = _new_columns(_table(Step))
_INSERT_NEW_RUNS = _insert_new(_table(Run))
_INSERT_NEW_STEPS = _insert_new(_table(Step))


def insert_rows(conn: sa.Connection, held: Sequence[Run | Step]) -> None:
    """Insert the held runs, then the held steps (which name them), in their order (a
    parent run before its children)."""
    runs = [_new_row(row, _RUN_NEW) for row in held if isinstance(row, Run)]
    steps = [_new_row(row, _STEP_NEW) for row in held if isinstance(row, Step)]
    if runs:
        conn.execute(_INSERT_NEW_RUNS, runs)
    if steps:
        conn.execute(_INSERT_NEW_STEPS, steps)
