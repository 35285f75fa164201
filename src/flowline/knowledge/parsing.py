"""From a document's bytes to text, and from text to chunks, with well-kept libraries:
``pypdf`` (PDF), ``python-docx`` (DOCX), ``selectolax`` (HTML), the standard library
(CSV, JSON, text, Markdown) and ``semchunk`` (splitting on the largest semantic
boundary that fits, tokens counted with the embedding model's own tokenizer)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from flowline.errors import ValidationFailed
from flowline.knowledge.embedders import word_ids, wordllama_tokenizer, words_of

KINDS = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/csv": "csv",
    "application/json": "json",
}
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".csv": "csv",
    ".json": "json",
}
SUPPORTED = "text, Markdown, HTML, PDF, DOCX, CSV, JSON"


class UnreadableDocument(ValidationFailed):
    code = "DOCUMENT_UNREADABLE"


def kind_of(content_type: str | None, filename: str | None) -> str:
    """``text``, ``markdown``, ``html``, ``pdf``, ``docx``, ``csv`` or ``json``; the
    file's suffix wins over a generic content type (browsers send octet-stream)."""
    name = (filename or "").lower()
    for suffix, kind in SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    base = (content_type or "").split(";", 1)[0].strip().lower()
    if base in KINDS:
        return KINDS[base]
    raise UnreadableDocument(
        f"files: {filename or 'the document'} ({base or 'no content type'}) is not one of "
        f"{SUPPORTED}.",
        details=[{"field": "files", "problem": f"unsupported type {base or name!r}"}],
    )


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader  # loaded with the first PDF, not at start-up

    reader = PdfReader(io.BytesIO(data))
    return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)


def _docx(data: bytes) -> str:
    from docx import Document as DocxDocument  # loaded with the first .docx

    document = DocxDocument(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n\n".join(parts)


def _html(data: bytes) -> str:
    from selectolax.lexbor import LexborHTMLParser  # loaded with the first HTML page

    tree = LexborHTMLParser(_decode(data))
    for node in tree.css("script, style, noscript, template, svg"):
        node.decompose()
    root = tree.body or tree.root
    return root.text(separator="\n", strip=True) if root is not None else ""


def _csv(data: bytes) -> str:
    """One line per row, ``header: value`` pairs, so a chunk keeps its columns' names."""
    rows = list(csv.reader(io.StringIO(_decode(data))))
    if not rows:
        return ""
    header, body = rows[0], rows[1:]
    if not body:
        return ", ".join(header)
    return "\n".join(
        "; ".join(f"{h}: {v}" for h, v in zip(header, row, strict=False) if v) for row in body
    )


def _json(data: bytes) -> str:
    return json.dumps(json.loads(_decode(data)), indent=2, ensure_ascii=False)


def extract(data: bytes, kind: str) -> str:
    """The text of a document; ``DOCUMENT_UNREADABLE`` when the file is not what it says."""
    try:
        if kind == "pdf":
            return _pdf(data)
        if kind == "docx":
            return _docx(data)
        if kind == "html":
            return _html(data)
        if kind == "csv":
            return _csv(data)
        if kind == "json":
            return _json(data)
        return _decode(data)
    except Exception as exc:  # each parser raises its own kinds (zip, lxml, pdf, json)
        raise UnreadableDocument(
            f"The {kind} document could not be read: {type(exc).__name__}.",
            details=[{"field": "files", "problem": f"not a readable {kind} file"}],
        ) from None


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    tokens: int


def count_tokens(text: str) -> int:
    return len(wordllama_tokenizer().encode(text, add_special_tokens=False))


class _Counter:
    """Token counts of one split (:func:`count_tokens`'s, counted word by word as
    :func:`token_ids` does), each text counted once: semchunk measures the chunks it makes
    while merging, so a chunk's own count is found here. (semchunk's own memo is
    process-wide and never emptied; this one goes with the split.)"""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.counts.get(text)
        if found is None:
            found = self.counts[text] = sum(len(word_ids(w)) for w in words_of(text))
        return found


def split(
    text: str, chunk_size: int, chunk_overlap: int, separators: Sequence[str] = ()
) -> list[Piece]:
    """Chunks of at most ``chunk_size`` tokens, consecutive ones sharing about
    ``chunk_overlap`` tokens. The text is first cut at every one of ``separators``
    (dropped): no chunk, nor its overlap, crosses one."""
    sections = [text]
    if separators:
        pattern = "|".join(re.escape(s) for s in sorted(separators, key=len, reverse=True))
        sections = re.split(pattern, text)
    counter = _Counter()
    return [
        piece
        for section in sections
        for piece in _split(section, chunk_size, chunk_overlap, counter)
    ]


def pieces_of(
    data: bytes, kind: str, chunk_size: int, chunk_overlap: int, separators: Sequence[str] = ()
) -> list[Piece]:
    """:func:`extract`, then :func:`split`."""
    return split(extract(data, kind), chunk_size, chunk_overlap, separators)


def _too_small(chunk_size: int, chunk_overlap: int) -> ValidationFailed:
    """semchunk cuts a text with an overlap into steps of ``min(overlap, size - overlap)``
    tokens, and recurses without end on one character that needs more (an emoji is five):
    the document is refused naming the setting instead."""
    step = min(chunk_overlap, chunk_size - chunk_overlap)
    return ValidationFailed(
        f"chunk_overlap: with chunk_size {chunk_size} and chunk_overlap {chunk_overlap} the "
        f"text is cut in steps of {step} tokens, fewer than one of its characters needs; "
        "lower chunk_overlap or raise chunk_size.",
        details=[{"field": "chunk_overlap", "problem": f"steps of {step} tokens are too small"}],
    )


def _split(text: str, chunk_size: int, chunk_overlap: int, counter: _Counter) -> list[Piece]:
    text = text.strip()
    if not text:
        return []
    from semchunk.semchunk import chunk as semantic_chunks  # with tqdm: at first split

    try:
        pieces = semantic_chunks(
            text,
            chunk_size=chunk_size,
            token_counter=counter,
            memoize=False,
            overlap=chunk_overlap or None,
        )
    except RecursionError:
        raise _too_small(chunk_size, chunk_overlap) from None
    assert isinstance(pieces, list)
    return [Piece(p, counter(p)) for p in pieces if p.strip()]
