"""Encryption at rest for secrets: Fernet (AES-128-CBC + HMAC-SHA256).

Keys come from ``FLOWLINE_SECRET_KEY`` (a comma-separated list: the first
encrypts, all decrypt, which is how a key is rotated) or from a key file that
``flowline init`` creates in the data dir with mode 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from flowline.config import ConfigError

DECRYPTED_KEPT = 256
"""Plaintexts a ``SecretBox`` keeps by ciphertext, the oldest first out."""


class SecretBox:
    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ConfigError("FLOWLINE_SECRET_KEY: no key given")
        try:
            self._fernet = MultiFernet([Fernet(k.encode()) for k in keys])
        except (ValueError, TypeError):
            raise ConfigError(
                "FLOWLINE_SECRET_KEY: each key must be 32 url-safe base64-encoded bytes "
                "(make one with `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)"
            ) from None
        self._plaintexts: dict[str, str] = {}

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        """The plaintext; the latest ``DECRYPTED_KEPT`` are kept by their ciphertext (a
        provider's key is decrypted on every chat turn), which can only ever decrypt
        to the same plaintext."""
        plaintext = self._plaintexts.get(ciphertext)
        if plaintext is not None:
            return plaintext
        try:
            plaintext = self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            raise ValueError("secret cannot be decrypted with the configured keys") from None
        if len(self._plaintexts) >= DECRYPTED_KEPT:
            del self._plaintexts[next(iter(self._plaintexts))]
        self._plaintexts[ciphertext] = plaintext
        return plaintext

    def rotate(self, ciphertext: str) -> str:
        """Re-encrypt under the first (newest) key."""
        return self._fernet.rotate(ciphertext.encode()).decode()


def key_file(data_dir: Path) -> Path:
    return data_dir / "secret.key"


def load_keys(configured: str | None, data_dir: Path, *, create: bool) -> list[str]:
    """The configured keys, else the data dir's key file (created when asked)."""
    if configured:
        return [k.strip() for k in configured.split(",") if k.strip()]
    path = key_file(data_dir)
    if path.exists():
        return [path.read_text().strip()]
    if not create:
        raise ConfigError(
            f"FLOWLINE_SECRET_KEY: not set and no key file at {path} (run `flowline init`)"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return [key]
