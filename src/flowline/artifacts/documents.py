"""An artifact as a DOCX document (``python-docx``), written in memory."""

from __future__ import annotations

import io
import re
from typing import Any

from flowline.db.models import Artifact

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_FIELDS: dict[str, tuple[str, ...]] = {
    "email_draft": ("to", "cc", "subject"),
    "meeting": ("start", "end", "timezone", "attendees", "location"),
    "task": ("due", "assignee"),
}
_BODIES = ("body", "description")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 (and so a DOCX) cannot hold: left out of the document."""


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return _NOT_XML.sub("", "" if value is None else str(value))


def _cells(values: Any, columns: list[str]) -> list[Any]:
    """A row as cells: a list as it is, an object by the columns' names."""
    if isinstance(values, dict):
        return [values.get(name) for name in columns]
    return values if isinstance(values, list) else [values]


def docx_bytes(artifact: Artifact) -> bytes:
    """The title as a heading, the type's fields, its text, and a table's rows."""
    from docx import Document  # loaded with the first .docx, not at start-up

    doc = Document()
    content = artifact.content if isinstance(artifact.content, dict) else {}
    doc.add_heading(_text(artifact.title or artifact.type.replace("_", " ").title()), level=1)
    for name in _FIELDS.get(artifact.type, ()):
        if content.get(name):
            doc.add_paragraph(f"{name.replace('_', ' ').title()}: {_text(content[name])}")
    for name in _BODIES:
        for paragraph in _text(content.get(name) or "").split("\n\n"):
            if paragraph.strip():
                doc.add_paragraph(paragraph.strip())
    if artifact.type == "table":
        _table(doc, content.get("columns") or [], content.get("rows") or [])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: Any, columns: Any, rows: Any) -> None:
    columns = [str(c) for c in columns] if isinstance(columns, list) else []
    rows = [_cells(r, columns) for r in rows] if isinstance(rows, list) else []
    width = max([len(columns), *(len(r) for r in rows)], default=0)
    if width == 0:
        return
    table = doc.add_table(rows=0, cols=width)
    for values in ([columns] if columns else []) + rows:
        cells = table.add_row().cells
        for i, value in enumerate(values[:width]):
            cells[i].text = _text(value)
