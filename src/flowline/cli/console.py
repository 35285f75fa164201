"""What every command shares: where output goes, how settings load, how a command fails.

Exit codes: 0 done; 1 the operation failed (not found, conflict, database
error); 2 the command line or the configuration is wrong. Failures print one
line to stderr and never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console

from flowline.config import ConfigError, Settings, load_settings

EXIT_FAILED = 1
EXIT_USAGE = 2

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print ``error: <message>`` as one line on stderr and exit with ``code``."""
    one_line = " ".join(message.split())
    typer.echo(f"error: {one_line}", err=True)
    raise typer.Exit(code)


def settings_from_env(**overrides: object) -> Settings:
    """``load_settings()``, exiting with code 2 on a bad ``FLOWLINE_*`` value."""
    try:
        return load_settings(**overrides)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)


def invalid_input(exc: ValidationError, labels: Mapping[str, str] | None = None) -> NoReturn:
    """Exit with code 2 naming the first bad option, e.g. ``--scopes: unknown scopes: x``."""
    first = exc.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else ""
    label = (labels or {}).get(field, "--" + field.replace("_", "-"))
    fail(f"{label}: {first['msg'].removeprefix('Value error, ')}", EXIT_USAGE)
