"""Reading a ``multipart/form-data`` upload as it arrives, straight into a storage writer.

``python-multipart``'s push parser turns the request's chunks into part events;
the part named ``file`` goes to the :class:`~flowline.attachments.storage.Writer`
chunk by chunk (its first bytes held back until its content type is sniffed),
the other fields (small texts) are kept. Nothing is spooled to a temporary file
and the body is never whole in memory. More than ``max_bytes`` of file: ``413``,
and what was written is discarded.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import filetype  # type: ignore[import-untyped]
from python_multipart.multipart import MultipartParser, parse_options_header

from flowline.attachments.storage import Writer
from flowline.errors import BadRequest, PayloadTooLarge, ValidationFailed

SNIFF_BYTES = 8192
MAX_FIELD_BYTES = 64 * 1024
FILE_FIELD = "file"
TEXT_TYPES = {"application/json", "application/x-ndjson", "application/xml", "text/csv"}


def sniff(head: bytes, filename: str | None) -> str:
    """The content type from the bytes, never from what the client declared: a known
    binary signature; else, for UTF-8 text, the type its name suggests if that is a
    text type (``text/csv``, ``application/json``…), else ``text/plain``; else
    ``application/octet-stream``."""
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the head
            return "application/octet-stream"
    guessed = mimetypes.guess_type(filename or "")[0]
    if filename and filename.lower().endswith(".jsonl"):
        guessed = "application/x-ndjson"
    if guessed and (guessed.startswith("text/") or guessed in TEXT_TYPES):
        return guessed
    return "text/plain"


@dataclass(slots=True)
class Received:
    filename: str | None = None
    content_type: str = "application/octet-stream"
    size: int = 0
    sha256: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    found: bool = False


OpenWriter = Callable[[str], Awaitable[Writer]]
"""Makes the writer once the content type is known."""


@dataclass(slots=True)
class _Part:
    headers: dict[bytes, bytes] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    is_file: bool = False
    head: bytearray = field(default_factory=bytearray)
    writer: Writer | None = None
    value: bytearray = field(default_factory=bytearray)


class _Events:
    """What the parser reported during one ``write``, handled afterwards (async)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, bytes]] = []
        self.field = b""
        self.value = b""

    def callbacks(self) -> dict[str, object]:
        def header_field(data: bytes, start: int, end: int) -> None:
            self.field += data[start:end]

        def header_value(data: bytes, start: int, end: int) -> None:
            self.value += data[start:end]

        def header_end() -> None:
            self.items.append(("header", self.field.lower() + b"\0" + self.value))
            self.field, self.value = b"", b""

        return {
            "on_part_begin": lambda: self.items.append(("begin", b"")),
            "on_header_field": header_field,
            "on_header_value": header_value,
            "on_header_end": header_end,
            "on_headers_finished": lambda: self.items.append(("headers", b"")),
            "on_part_data": lambda d, s, e: self.items.append(("data", bytes(d[s:e]))),
            "on_part_end": lambda: self.items.append(("end", b"")),
        }


def boundary_of(content_type: str) -> bytes:
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise BadRequest(
            "The body must be multipart/form-data with a part named 'file'.",
            code="INVALID_UPLOAD",
        )
    return options[b"boundary"]


class UploadReader:
    def __init__(self, open_writer: OpenWriter, max_bytes: int) -> None:
        self.open_writer = open_writer
        self.max_bytes = max_bytes
        self.result = Received()
        self.hash = hashlib.sha256()
        self.part = _Part()
        self.writer: Writer | None = None
        """The file part's writer, once opened: the caller commits or aborts it."""

    async def read(self, content_type: str, chunks: AsyncIterator[bytes]) -> Received:
        """Consume the body; the caller commits or aborts ``writer`` afterwards."""
        events = _Events()
        parser = MultipartParser(boundary_of(content_type), events.callbacks())  # type: ignore[arg-type]
        async for chunk in chunks:
            parser.write(chunk)
            for kind, data in events.items:
                await self._handle(kind, data)
            events.items.clear()
        parser.finalize()
        for kind, data in events.items:
            await self._handle(kind, data)
        if not self.result.found:
            raise ValidationFailed("A part named 'file' with a file is required.", field="file")
        self.result.sha256 = self.hash.hexdigest()
        return self.result

    async def _handle(self, kind: str, data: bytes) -> None:
        part = self.part
        if kind == "begin":
            self.part = _Part()
        elif kind == "header":
            name, _, value = data.partition(b"\0")
            part.headers[name] = value
        elif kind == "headers":
            self._named(part)
        elif kind == "data":
            await self._data(part, data)
        elif kind == "end":
            await self._end(part)

    def _named(self, part: _Part) -> None:
        _, options = parse_options_header(part.headers.get(b"content-disposition", b""))
        part.name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if part.name == FILE_FIELD and filename is not None and not self.result.found:
            part.is_file = True
            part.filename = filename.decode("utf-8", "replace").rsplit("/", 1)[-1][:255]
            self.result.found = True

    async def _data(self, part: _Part, data: bytes) -> None:
        if not part.is_file:
            part.value += data
            if len(part.value) > MAX_FIELD_BYTES:
                raise ValidationFailed("A form field is longer than 64 KiB.", field=part.name)
            return
        self.result.size += len(data)
        if self.result.size > self.max_bytes:
            raise PayloadTooLarge(
                f"The file is larger than the limit of {self.max_bytes // (1024 * 1024)} MiB."
            )
        self.hash.update(data)
        if part.writer is None:
            part.head += data
            if len(part.head) < SNIFF_BYTES:
                return
            await self._open(part)
            return
        await part.writer.write(data)

    async def _open(self, part: _Part) -> None:
        self.result.filename = part.filename
        self.result.content_type = sniff(bytes(part.head), part.filename)
        part.writer = self.writer = await self.open_writer(self.result.content_type)
        await part.writer.write(bytes(part.head))
        part.head.clear()

    async def _end(self, part: _Part) -> None:
        if part.is_file:
            if part.writer is None:
                await self._open(part)
        elif part.name:
            self.result.fields[part.name] = part.value.decode("utf-8", "replace")
