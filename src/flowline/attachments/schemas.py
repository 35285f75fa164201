from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from flowline.db.models import Attachment

Purpose = Literal["step", "upload", "batch"]


class AttachmentRead(BaseModel):
    id: str
    name: str | None = Field(description="The uploaded file's name; none for a step's body.")
    content_type: str = Field(description="Sniffed from the bytes, not taken from the client.")
    size: int = Field(description="Bytes.")
    sha256: str
    purpose: Purpose
    storage: Literal["database", "local", "s3"] = Field(
        description="Where the bytes are: a step's body in the database, uploads in the "
        "data dir (`local`) or the S3-compatible store."
    )
    format: Literal["csv", "json", "jsonl"] | None = Field(description="A batch file's format.")
    rows: int | None = Field(description="A batch file's rows.")
    run_id: str | None
    created_at: datetime

    @classmethod
    def of(cls, row: Attachment) -> AttachmentRead:
        data: dict[str, Any] = {
            "id": row.id,
            "name": row.name,
            "content_type": row.content_type,
            "size": row.size,
            "sha256": row.sha256,
            "purpose": row.purpose,
            "storage": row.storage or "database",
            "format": row.format,
            "rows": row.row_count,
            "run_id": row.run_id,
            "created_at": row.created_at,
        }
        return cls.model_validate(data)


def upload_body(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The OpenAPI request body of a streamed multipart upload (read without FastAPI's
    form parsing, which would spool the file first)."""
    properties: dict[str, Any] = {"file": {"type": "string", "format": "binary"}}
    properties |= extra or {}
    schema = {"type": "object", "properties": properties, "required": ["file"]}
    return {
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}
    }
