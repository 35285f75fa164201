"""One process per embedded SQLite database.

SQLite is Flowline's single-process mode: leases of a previous life are freed
at start-up, which is only safe if no other process is working on the same
file. ``flowline serve`` takes an exclusive lock on a file beside the database
for as long as it runs; the operating system releases it however the process
ends, ``kill -9`` included.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class DatabaseInUse(Exception):
    """Another process already serves this SQLite database."""


def hold_sqlite_lock(database: Path) -> IO[str]:
    """Lock ``<database>.lock``; keep the returned file open while the process runs."""
    path = database.with_name(database.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise DatabaseInUse(
            f"{database} is in use by {holder}; an embedded SQLite database is served by one "
            "process (use PostgreSQL for several)"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}\n")
    handle.flush()
    return handle
