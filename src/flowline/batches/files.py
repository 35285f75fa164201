"""Batch files: CSV (a header row, then records), JSON (an array of objects) or JSON Lines.

Rows are read from storage as a stream: CSV and JSONL a record at a time (a CSV
record may span lines inside quotes: lines are gathered until their quotes pair
up), JSON whole (one array; JSONL is the format for very large files). Every row
is an object: a CSV record keyed by the header. ``POST /files`` reads a file once
to check and count it; a batch reads it again row by row.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import AsyncIterator
from typing import Any, Literal

import orjson

from flowline.errors import ValidationFailed

Format = Literal["csv", "json", "jsonl"]
FORMATS: dict[str, Format] = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
MAX_ROWS = 1_000_000
MAX_JSON_BYTES = 100 * 1024 * 1024


class BadFile(ValidationFailed):
    """The file is not what its format says; the message names the row."""

    code = "INVALID_FILE"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


def format_of(given: str | None, filename: str | None) -> Format:
    """``given`` (the ``format`` field), else the file name's extension."""
    if given:
        if given not in ("csv", "json", "jsonl"):
            raise ValidationFailed("format must be csv, json or jsonl.", field="format")
        return given  # type: ignore[return-value]
    for suffix, found in FORMATS.items():
        if (filename or "").lower().endswith(suffix):
            return found
    raise ValidationFailed(
        "The format is not known from the file's name: give format (csv, json, jsonl).",
        field="format",
    )


async def _lines(chunks: AsyncIterator[bytes]) -> AsyncIterator[tuple[int, str]]:
    """The text's lines (ends kept), numbered from 1; not UTF-8: ``422``."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    rest, number = "", 0
    try:
        async for chunk in chunks:
            text = rest + decoder.decode(chunk)
            lines = text.splitlines(keepends=True)
            rest = lines.pop() if lines and not lines[-1].endswith(("\n", "\r")) else ""
            for line in lines:
                number += 1
                yield number, line
        rest += decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise BadFile(f"The file is not UTF-8 text (after line {number}).") from None
    if rest:
        yield number + 1, rest


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadFile(f"{where} is not a JSON object.")
    return value


async def _jsonl(chunks: AsyncIterator[bytes]) -> AsyncIterator[dict[str, Any]]:
    async for number, line in _lines(chunks):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise BadFile(f"Line {number} is not JSON.") from None
        yield _object(value, f"Line {number}")


async def _json(chunks: AsyncIterator[bytes]) -> AsyncIterator[dict[str, Any]]:
    data = bytearray()
    async for chunk in chunks:
        data += chunk
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BadFile(f"The file is not JSON: {exc}") from None
    if not isinstance(value, list):
        raise BadFile("A JSON batch file must be an array of objects.")
    for index, item in enumerate(value):
        yield _object(item, f"Item {index}")


async def _records(chunks: AsyncIterator[bytes]) -> AsyncIterator[tuple[int, str]]:
    """CSV records: lines gathered until their double quotes pair up."""
    record, first, quotes = "", 0, 0
    async for number, line in _lines(chunks):
        if not record:
            first = number
        record += line
        quotes += line.count('"')
        if quotes % 2 == 0:
            yield first, record
            record, quotes = "", 0
    if record:
        raise BadFile(f"The record from line {first} has an unclosed quote.")


async def _csv(chunks: AsyncIterator[bytes]) -> AsyncIterator[dict[str, Any]]:
    header: list[str] | None = None
    async for number, record in _records(chunks):
        try:
            fields = next(csv.reader([record]), [])
        except csv.Error as exc:
            raise BadFile(f"Line {number} is not CSV: {exc}") from None
        if not fields or fields == [""]:
            continue
        if header is None:
            if len(set(fields)) != len(fields) or "" in fields:
                raise BadFile("The header row must name every column once.")
            header = fields
            continue
        if len(fields) != len(header):
            raise BadFile(f"Line {number} has {len(fields)} fields, not {len(header)}.")
        yield dict(zip(header, fields, strict=True))
    if header is None:
        raise BadFile("The CSV file has no header row.")


def rows(chunks: AsyncIterator[bytes], fmt: Format) -> AsyncIterator[dict[str, Any]]:
    """The file's rows, in order."""
    reader = {"csv": _csv, "json": _json, "jsonl": _jsonl}[fmt]
    return reader(chunks)


async def count(chunks: AsyncIterator[bytes], fmt: Format) -> int:
    """How many rows; ``422`` naming the first bad one, or past :data:`MAX_ROWS`."""
    total = 0
    async for _ in rows(chunks, fmt):
        total += 1
        if total > MAX_ROWS:
            raise BadFile(f"A batch file holds at most {MAX_ROWS} rows.")
    if total == 0:
        raise BadFile("The file has no rows.")
    return total
