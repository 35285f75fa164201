"""``SecretBox``: Fernet under rotation, and the plaintexts it keeps by ciphertext."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from flowline.secrets import crypto
from flowline.secrets.crypto import SecretBox


def test_a_kept_plaintext_is_the_ciphertexts_own_and_the_oldest_go_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(crypto, "DECRYPTED_KEPT", 2)
    box = SecretBox([Fernet.generate_key().decode()])
    tokens = [box.encrypt(f"secret-{i}") for i in range(3)]
    assert [box.decrypt(t) for t in tokens] == ["secret-0", "secret-1", "secret-2"]
    assert box.decrypt(tokens[0]) == "secret-0"  # decrypted again after it left
    assert box.decrypt(tokens[2]) == "secret-2"
    assert len(box._plaintexts) == 2
    # The same plaintext under another encryption is another ciphertext.
    assert box.decrypt(box.encrypt("secret-0")) == "secret-0"


def test_a_ciphertext_of_another_key_is_refused_every_time() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    token = SecretBox([old]).encrypt("kept")
    for _ in range(2):
        with pytest.raises(ValueError, match="cannot be decrypted"):
            SecretBox([new]).decrypt(token)
    rotated = SecretBox([new, old])
    assert rotated.decrypt(token) == "kept"
    assert SecretBox([new]).decrypt(rotated.rotate(token)) == "kept"
