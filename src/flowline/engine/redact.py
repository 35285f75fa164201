"""Masking the values of secrets in what a run stores (step inputs, outputs, vars, errors)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flowline.observability.redaction import MASK, Redactor, encoded_forms, redactor

MIN_LENGTH = 4


class SecretMask:
    """Replaces each known secret value (and its encoded forms) with ``***``.

    The encoded forms (URL-encoded, base64) count too: a secret put through
    ``urlencode`` into a URL, or sent as ``Basic`` credentials, is still the secret.
    """

    def __init__(self, values: Iterable[str]) -> None:
        raw = {v for v in values if len(v) >= MIN_LENGTH}
        redactor.add(raw)  # logs and errors mask them too
        forms = {f for v in raw for f in encoded_forms(v) if len(f) >= MIN_LENGTH}
        known = sorted(forms, key=len, reverse=True)
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


def mask_sensitive(value: Any, secrets: Iterable[str] = ()) -> Any:
    """A copy of ``value`` as it may be stored or shown: fields named like credentials
    (``Authorization``, ``Set-Cookie``, ``password``, ``*_token``…), text shaped like
    one (``Bearer …``), and ``secrets`` in any encoded form, all ``***``.

    For what crosses the edge to other systems (HTTP requests and responses), where
    a credential may come back in a header or an echo without ever being a template
    value.
    """
    masker = Redactor()
    masker.add(v for v in secrets if len(v) >= MIN_LENGTH)
    return masker.data(value)
