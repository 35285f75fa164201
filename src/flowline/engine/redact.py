"""Masking the values of secrets in what a run stores (step inputs, outputs, vars, errors)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flowline.observability.redaction import MASK, redactor

MIN_LENGTH = 4


class SecretMask:
    """Replaces each known secret value (and its encoded forms) with ``***``."""

    def __init__(self, values: Iterable[str]) -> None:
        known = sorted({v for v in values if len(v) >= MIN_LENGTH}, key=len, reverse=True)
        redactor.add(known)  # logs and errors mask them too
        self._pattern = re.compile("|".join(re.escape(v) for v in known)) if known else None

    def text(self, value: str) -> str:
        return value if self._pattern is None else self._pattern.sub(MASK, value)

    def data(self, value: Any) -> Any:
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value
