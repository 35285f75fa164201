"""First start: data dir, key file, schema, and the owner account."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from flowline.config import Settings
from flowline.db import migrate
from flowline.db.session import Database
from flowline.orgs.service import DEFAULT_OWNER_EMAIL, bootstrap_if_empty
from flowline.secrets.crypto import SecretBox, load_keys

CREDENTIALS_FILE = "initial-credentials"


@dataclass(frozen=True, slots=True)
class InitialCredentials:
    email: str
    password: str
    api_key: str
    path: Path


async def initialise(settings: Settings) -> InitialCredentials | None:
    """Prepare the instance; return the owner's credentials if it was just created.

    Idempotent: on an instance that already has users it only migrates.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    SecretBox(load_keys(settings.secret_key, settings.data_dir, create=True))  # bad keys fail here
    db = Database(settings.resolved_database_url, pool_size=1)
    try:
        await migrate.upgrade(db.engine)
        try:
            async with db.session(write=True) as session:
                made = await bootstrap_if_empty(session, DEFAULT_OWNER_EMAIL)
        except IntegrityError:
            made = None  # another process bootstrapped at the same moment
    finally:
        await db.dispose()
    if made is None:
        return None
    path = settings.data_dir / CREDENTIALS_FILE
    write_private_json(
        path, {"email": made.owner.email, "password": made.password, "api_key": made.api_key}
    )
    return InitialCredentials(made.owner.email, made.password, made.api_key, path)


def write_private_json(path: Path, payload: dict[str, str]) -> None:
    """Write ``payload`` to ``path`` readable by the owner only (mode 0600)."""
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(payload, handle, indent=2)
        handle.write("\n")
    os.replace(tmp, path)
