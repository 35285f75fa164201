"""Flowline-Signature: what callbacks and the email/webhook channels sign and check."""

from __future__ import annotations

import hashlib
import hmac

from flowline.signatures import is_valid, sign_now, signature

KEY = "k3y"
BODY = b'{"a":1}'
NOW = 1_800_000_000


def test_the_format_is_t_and_v1_over_t_dot_body() -> None:
    mac = hmac.new(KEY.encode(), b"1800000000." + BODY, hashlib.sha256).hexdigest()
    assert signature(KEY, NOW, BODY) == f"t=1800000000,v1={mac}"


def test_a_fresh_signature_checks_and_a_changed_one_does_not() -> None:
    header = signature(KEY, NOW, BODY)
    assert is_valid(KEY, header, BODY, now=NOW + 10)
    assert not is_valid("other", header, BODY, now=NOW)
    assert not is_valid(KEY, header, BODY + b" ", now=NOW)
    assert not is_valid(KEY, header.replace("t=1800000000", "t=1800000001"), BODY, now=NOW)


def test_the_window_bounds_replays_both_ways() -> None:
    header = signature(KEY, NOW, BODY)
    assert is_valid(KEY, header, BODY, now=NOW + 300)
    assert not is_valid(KEY, header, BODY, now=NOW + 301)
    assert not is_valid(KEY, header, BODY, now=NOW - 301)


def test_any_v1_may_match_while_a_key_is_rotated() -> None:
    old, new = signature("old", NOW, BODY), signature(KEY, NOW, BODY)
    both = f"{new},{old.split(',')[1]}"
    assert is_valid("old", both, BODY, now=NOW)
    assert is_valid(KEY, both, BODY, now=NOW)


def test_malformed_headers_are_refused_not_raised() -> None:
    for header in (
        None,
        "",
        "t=,v1=",
        "v1=abc",
        "t=12",
        "t=abc,v1=00",
        f"t={NOW},v1=é",
        f"t={NOW},v1=",
        "garbage",
    ):
        assert not is_valid(KEY, header, BODY, now=NOW)


def test_sign_now_checks_now() -> None:
    assert is_valid(KEY, sign_now(KEY, BODY), BODY)
