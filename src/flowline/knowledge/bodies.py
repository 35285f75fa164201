"""Reading the knowledge routes' bodies: JSON, or ``multipart/form-data`` with files
(``files``, repeated) and the other fields as form values (``metadata`` as JSON)."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

import orjson
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from pydantic_core import SchemaValidator
from starlette.datastructures import UploadFile

from flowline.api.json_body import strict_validator
from flowline.errors import BadRequest, ValidationFailed
from flowline.knowledge.service import Upload

B = TypeVar("B", bound=BaseModel)
MAX_FILES = 20


@cache
def _strict(model: type[BaseModel]) -> SchemaValidator:
    return strict_validator(model.__pydantic_core_schema__)


def _validate(model: type[B], value: Any, *, strict: bool = False) -> B:
    """``model`` from ``value``; a JSON body is read strictly (``api.json_body``), a
    form's text fields as text."""
    try:
        if strict:
            found: B = _strict(model).validate_python(value)
            return found
        return model.model_validate(value)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from None


def is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith("multipart/form-data")


async def json_body(request: Request, model: type[B], wrapper: str | None = None) -> B:
    try:
        value = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise BadRequest(
            "The request body is not valid JSON (or send multipart/form-data with files).",
            code="INVALID_JSON",
            details=[{"field": "body", "problem": "not valid JSON"}],
        ) from None
    if wrapper and isinstance(value, dict) and len(value) == 1 and wrapper in value:
        value = value[wrapper]
    return _validate(model, value, strict=True)


def _metadata(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        value = None
    if not isinstance(value, dict):
        raise ValidationFailed(
            "metadata: must be a JSON object.",
            details=[{"field": "metadata", "problem": "not a JSON object"}],
        )
    return value


async def multipart(
    request: Request, model: type[B] | None, *, files_required: bool = True
) -> tuple[B | None, list[Upload]]:
    """The form's fields as ``model`` and its files as uploads. ``metadata`` is the
    model's when there is one (a new KB's), else every uploaded document's."""
    form = await request.form(max_files=MAX_FILES)
    fields: dict[str, Any] = {}
    uploads: list[Upload] = []
    meta = _metadata(str(form.get("metadata") or "") or None)
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            data = await value.read()
            uploads.append(
                Upload(
                    name=value.filename or "file",
                    content_type=value.content_type or "application/octet-stream",
                    data=data,
                    metadata={} if model is not None else dict(meta),
                )
            )
        else:
            fields[key] = value
    if files_required and not uploads:
        raise ValidationFailed(
            "files: send at least one file.", details=[{"field": "files", "problem": "missing"}]
        )
    if "metadata" in fields:
        fields["metadata"] = meta
    parsed = _validate(model, fields) if model is not None else None
    return parsed, uploads
