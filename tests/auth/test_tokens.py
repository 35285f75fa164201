"""The API key format, token hashing and passwords (pure functions)."""

from __future__ import annotations

import hashlib
import math
import string
import zlib

import pytest

from flowline.auth import tokens

BASE62 = set(string.digits + string.ascii_letters)
PREFIX = "flk_"


def _other_char(c: str) -> str:
    return "A" if c != "A" else "B"


def _with(key: str, index: int, char: str) -> str:
    return key[:index] + char + key[index + 1 :]


def test_key_has_prefix_length_and_alphabet() -> None:
    key = tokens.new_api_key()
    assert key.startswith(PREFIX)
    assert len(key) == tokens.KEY_LENGTH == len(PREFIX) + 32 + 6
    assert set(key[len(PREFIX) :]) <= BASE62


def test_random_part_carries_at_least_160_bits() -> None:
    assert 32 * math.log2(62) >= 160
    keys = {tokens.new_api_key() for _ in range(2000)}
    assert len(keys) == 2000
    bodies = [k[len(PREFIX) : len(PREFIX) + 32] for k in keys]
    # Over enough keys every base62 character turns up: the body is drawn from
    # the whole alphabet, not a narrower one.
    seen = set("".join(bodies))
    assert seen == BASE62


def test_checksum_is_crc32_of_the_body_in_base62() -> None:
    key = tokens.new_api_key()
    body, check = key[4:36], key[36:]
    value = 0
    for c in check:
        value = value * 62 + (string.digits + string.ascii_letters).index(c)
    assert value == zlib.crc32(body.encode())


def test_fresh_keys_are_well_formed() -> None:
    for _ in range(200):
        assert tokens.is_well_formed_key(tokens.new_api_key())


@pytest.mark.parametrize("index", [4, 10, 35, 36, 41])
def test_one_changed_character_is_refused(index: int) -> None:
    key = tokens.new_api_key()
    changed = _with(key, index, _other_char(key[index]))
    assert not tokens.is_well_formed_key(changed)


@pytest.mark.parametrize(
    "key",
    [
        "",
        "flk_",
        "flk_" + "a" * 38,
        "FLK_" + "a" * 38,
        "sk_-" + "a" * 38,
    ],
)
def test_malformed_keys_are_refused(key: str) -> None:
    assert not tokens.is_well_formed_key(key)


def test_wrong_prefix_or_length_is_refused_even_with_valid_checksum() -> None:
    key = tokens.new_api_key()
    assert not tokens.is_well_formed_key("flx_" + key[4:])
    assert not tokens.is_well_formed_key(key + "0")
    assert not tokens.is_well_formed_key(key[:-1])


@pytest.mark.parametrize("index", [5, 38])
def test_non_ascii_characters_are_refused_not_raised(index: int) -> None:
    # Headers arrive decoded as Latin-1, so any byte can reach the check.
    key = tokens.new_api_key()
    for char in ("é", "\u00b2", "\x00", " "):
        assert not tokens.is_well_formed_key(_with(key, index, char))


def test_display_prefix_is_short_and_recognisable() -> None:
    key = tokens.new_api_key()
    shown = tokens.display_prefix(key)
    assert key.startswith(shown)
    assert shown.startswith(PREFIX)
    assert len(shown) - len(PREFIX) <= 6


def test_token_hash_is_sha256_hex() -> None:
    key = tokens.new_api_key()
    assert tokens.token_hash(key) == hashlib.sha256(key.encode()).hexdigest()
    assert len(tokens.token_hash(key)) == 64


def test_session_tokens_are_long_and_distinct() -> None:
    made = {tokens.new_token() for _ in range(100)}
    assert len(made) == 100
    assert all(len(t) >= 43 for t in made)


def test_password_hash_round_trip() -> None:
    hashed = tokens.hash_password("correct horse battery")
    assert "correct horse battery" not in hashed
    assert hashed.startswith("$argon2id$")
    assert tokens.verify_password(hashed, "correct horse battery")
    assert not tokens.verify_password(hashed, "correct horse batterY")
    assert not tokens.verify_password("not a hash", "anything")


def test_generated_passwords_differ() -> None:
    assert len({tokens.new_password() for _ in range(50)}) == 50
