"""Assertions about API answers shared by the router tests."""

from __future__ import annotations

from typing import Any

import httpx


def assert_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The answer is the standard error body with this status and code."""
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    assert body["error"] == code
    assert body["statusCode"] == status
    assert isinstance(body["message"], str)
    assert body["message"]
    return body


def error_fields(r: httpx.Response) -> set[str]:
    """The fields named in an error answer's ``details``."""
    return {d["field"] for d in r.json().get("details", [])}


def assert_openai_error(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The answer is OpenAI's error body (``/v1/*``) with this status and Flowline code."""
    assert r.status_code == status, r.text
    error: dict[str, Any] = r.json()["error"]
    assert error["code"] == code.lower()
    assert isinstance(error["message"], str)
    assert error["message"]
    assert isinstance(error["type"], str)
    assert "param" in error
    return error
