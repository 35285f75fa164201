"""Masking of secrets wherever a value may be written down.

Three nets: fields whose *name* says they are sensitive (passwords, tokens,
``Authorization``, cookies…), strings that *look* like credentials (Flowline
API keys, ``Bearer …``), and *known secret values* registered at run time
(with their base64 and URL-encoded forms).
"""

from __future__ import annotations

import base64
import logging
import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

MASK = "***"

_SENSITIVE_NAME = re.compile(
    r"(pass(word|wd|phrase)?|secret|token|api[-_]?key|authorization|cookie|set-cookie|"
    r"credential|private[-_]?key|csrf|session)",
    re.IGNORECASE,
)
_CREDENTIAL_SHAPES = re.compile(
    r"flk_[0-9A-Za-z]{38}"  # Flowline API keys
    r"|flh_[0-9A-Za-z_-]{43}"  # Flowline hook tokens
    r"|(?i:bearer)\s+[A-Za-z0-9\-._~+/]+=*"  # bearer tokens in free text
)
_MIN_KNOWN_LENGTH = 4


def is_sensitive_name(name: str) -> bool:
    return bool(_SENSITIVE_NAME.search(name))


class Redactor:
    """Holds known secret values and masks them, and credential shapes, in data."""

    def __init__(self) -> None:
        self._known: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def add(self, values: Iterable[str]) -> None:
        changed = False
        for value in values:
            if len(value) < _MIN_KNOWN_LENGTH:
                continue
            for form in encoded_forms(value):
                if form not in self._known:
                    self._known.add(form)
                    changed = True
        if changed:
            ordered = sorted(self._known, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(v) for v in ordered))

    def text(self, value: str) -> str:
        if self._pattern is not None:
            value = self._pattern.sub(MASK, value)
        return _CREDENTIAL_SHAPES.sub(MASK, value)

    def data(self, value: Any, name: str = "") -> Any:
        """A copy of ``value`` with sensitive fields and secret strings masked."""
        if name and is_sensitive_name(name) and value not in (None, "", [], {}):
            return MASK
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v, str(k)) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value


def encoded_forms(value: str) -> set[str]:
    """``value`` as written in text, URLs and base64 (padding dropped)."""
    raw = value.encode()
    forms = {
        value,
        urllib.parse.quote(value, safe=""),
        urllib.parse.quote(value),  # as in a URL path, "/" kept
        urllib.parse.quote_plus(value),
        base64.b64encode(raw).decode().rstrip("="),
        base64.urlsafe_b64encode(raw).decode().rstrip("="),
    }
    return {f for f in forms if len(f) >= _MIN_KNOWN_LENGTH}


redactor = Redactor()
"""The process-wide redactor: logs, events and errors all pass through it."""


class RedactingFilter(logging.Filter):
    """Masks secrets in standard-library log records, which structlog never sees.

    httpx logs every request's URL at INFO, and some providers (Telegram) put
    the credential in the URL's path.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redactor.text(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
