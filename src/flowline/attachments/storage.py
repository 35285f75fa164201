"""Where uploaded bytes live: a :class:`Storage` Protocol, the data dir, an S3 bucket.

Writes are streamed: a :class:`Writer` takes chunks as they come and the object
appears whole at :meth:`Writer.commit` (the data dir: a temporary file renamed;
S3: a multipart upload completed), or never, after :meth:`Writer.abort`. Reads
are streamed in chunks too, so neither way holds a file in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

from flowline.errors import FlowlineError

CHUNK = 1024 * 1024


class StorageUnavailable(FlowlineError):
    status = 503
    code = "STORAGE_UNAVAILABLE"


class StoredObjectMissing(FlowlineError):
    """The row is there, its bytes are not: deleted meanwhile (a delete removes the row,
    then the bytes), or lost."""

    status = 404
    code = "ATTACHMENT_NOT_FOUND"


class Writer(Protocol):
    async def write(self, chunk: bytes) -> None: ...
    async def commit(self) -> None: ...
    async def abort(self) -> None: ...


class Storage(Protocol):
    """A place for objects by key (``<org id>/<attachment id>``)."""

    @property
    def name(self) -> str:
        """``local`` or ``s3``: stored on the attachment to read it back."""
        ...

    async def writer(self, key: str, content_type: str) -> Writer: ...

    def read(self, key: str) -> AsyncIterator[bytes]: ...

    async def delete(self, key: str) -> None: ...


class _FileWriter:
    def __init__(self, path: Path) -> None:
        self.final = path
        self.partial = path.with_name(path.name + ".partial")
        self.file = self.partial.open("wb")

    async def write(self, chunk: bytes) -> None:
        await asyncio.to_thread(self.file.write, chunk)

    async def commit(self) -> None:
        def close() -> None:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            self.partial.replace(self.final)

        await asyncio.to_thread(close)

    async def abort(self) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self.partial.unlink()


class LocalStorage:
    """Files under ``<data dir>/files``; the default (one machine, or a shared disk)."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if ".." in key.split("/") or key.startswith("/"):
            raise ValueError(f"bad storage key {key!r}")
        return self.root / key

    async def writer(self, key: str, content_type: str) -> Writer:
        path = self._path(key)
        await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
        return _FileWriter(path)

    async def read(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            handle = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise StoredObjectMissing("The attachment's stored bytes are gone.") from None
        with handle:
            while chunk := await asyncio.to_thread(handle.read, CHUNK):
                yield chunk

    async def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            await asyncio.to_thread(self._path(key).unlink)
