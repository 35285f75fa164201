"""A fresh Flowline instance to drive the ``flowline`` command against.

Each gets its own data dir and its own database: a new SQLite file, or, when
``FLOWLINE_TEST_DATABASE_URL`` is set, a new PostgreSQL database on that server,
dropped afterwards. The command runs as ``python -m flowline`` in a subprocess
whose only ``FLOWLINE_*`` variables are the ones set here.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.postgres import PG_URL, scratch_database

COMMAND_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class CliResult:
    code: int
    stdout: str
    stderr: str


@dataclass(frozen=True, slots=True)
class Instance:
    root: Path
    database_url: str

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def credentials_file(self) -> Path:
        return self.data_dir / "initial-credentials"

    def credentials(self) -> dict[str, str]:
        loaded: dict[str, str] = json.loads(self.credentials_file.read_text())
        return loaded

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLOWLINE_")}
        env.update(
            FLOWLINE_DATA_DIR=str(self.data_dir),
            FLOWLINE_DATABASE_URL=self.database_url,
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    async def start(
        self, *args: str, env: Mapping[str, str] | None = None, python: Sequence[str] = ()
    ) -> asyncio.subprocess.Process:
        """``flowline <args>`` in the background, stdout and stderr piped, in a process
        group of its own (``serve --processes`` starts children; a kill takes them too).

        ``env`` adds variables; ``python`` adds interpreter options (``-X importtime``).
        """
        return await asyncio.create_subprocess_exec(
            sys.executable,
            *python,
            "-m",
            "flowline",
            *args,
            cwd=self.root,  # away from any .env of the developer's
            env=self.env(**(env or {})),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group: killed with what it starts
        )

    async def cli(
        self, *args: str, env: Mapping[str, str] | None = None, python: Sequence[str] = ()
    ) -> CliResult:
        """Run ``flowline <args>`` to the end."""
        process = await self.start(*args, env=env, python=python)
        try:
            stdout, stderr = await asyncio.wait_for(process.communicate(), COMMAND_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise
        assert process.returncode is not None
        return CliResult(process.returncode, stdout.decode(), stderr.decode())


@asynccontextmanager
async def fresh_instance(root: Path) -> AsyncIterator[Instance]:
    if PG_URL is None:
        yield Instance(root, f"sqlite:///{root / 'data' / 'flowline.db'}")
        return
    async with scratch_database("flowline_cli") as url:
        yield Instance(root, url)
