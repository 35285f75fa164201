"""``Redactor``: sensitive field names, credential shapes and known secret values."""

from __future__ import annotations

import base64
import urllib.parse

import pytest

from flowline.auth.tokens import new_api_key
from flowline.observability.redaction import MASK, Redactor, is_sensitive_name

# A space and ">>>" make every encoding differ: %20 vs +, and "+" vs "-" in base64.
SECRET = "hunter2 Pa55/word+x?>>>"


@pytest.fixture
def redactor() -> Redactor:
    """A private instance, so these tests leave the process-wide one alone."""
    r = Redactor()
    r.add([SECRET])
    return r


@pytest.mark.parametrize(
    "name",
    [
        "password",
        "Password",
        "new_password",
        "passwd",
        "passphrase",
        "secret",
        "client_secret",
        "token",
        "access_token",
        "refreshToken",
        "api_key",
        "api-key",
        "apiKey",
        "X-API-Key",
        "authorization",
        "Authorization",
        "cookie",
        "Set-Cookie",
        "credentials",
        "private_key",
        "X-CSRF-Token",
        "session",
        "session_id",
    ],
)
def test_sensitive_names(name: str) -> None:
    assert is_sensitive_name(name)


@pytest.mark.parametrize("name", ["name", "key", "value", "email", "path", "status", "org_id"])
def test_ordinary_names(name: str) -> None:
    assert not is_sensitive_name(name)


def test_sensitive_fields_are_masked_whatever_their_value(redactor: Redactor) -> None:
    data = {
        "password": "anything",
        "token": 12345,
        "cookie": ["a", "b"],
        "api_key": {"nested": "x"},
        "name": "visible",
    }
    assert redactor.data(data) == {
        "password": MASK,
        "token": MASK,
        "cookie": MASK,
        "api_key": MASK,
        "name": "visible",
    }


def test_empty_sensitive_fields_stay_empty(redactor: Redactor) -> None:
    """An empty or missing value hides nothing, and showing it helps debugging."""
    assert redactor.data({"password": None, "token": "", "secret": [], "cookie": {}}) == {
        "password": None,
        "token": "",
        "secret": [],
        "cookie": {},
    }


def test_nested_data(redactor: Redactor) -> None:
    data = {
        "request": {
            "headers": {"Authorization": "Bearer abc", "Accept": "application/json"},
            "body": [{"note": f"my secret is {SECRET}"}, ("tuple", SECRET), 3, None, True],
        },
        "count": 2,
    }
    assert redactor.data(data) == {
        "request": {
            "headers": {"Authorization": MASK, "Accept": "application/json"},
            "body": [{"note": f"my secret is {MASK}"}, ["tuple", MASK], 3, None, True],
        },
        "count": 2,
    }


def test_data_does_not_change_its_input(redactor: Redactor) -> None:
    original = {"password": "p", "inner": {"text": SECRET}}
    redactor.data(original)
    assert original == {"password": "p", "inner": {"text": SECRET}}


def test_sensitive_name_applies_to_the_field_not_its_parent(redactor: Redactor) -> None:
    assert redactor.data({"x": "Bearer abc"}, "headers") == {"x": MASK}
    assert redactor.data("plain", "token") == MASK


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Authorization: Bearer abc.def-ghi_jkl~mno+p/q=", f"Authorization: {MASK}"),
        ("bearer xyz", MASK),
        ("BEARER xyz trailing", f"{MASK} trailing"),
        ("no credentials here", "no credentials here"),
        ("a bear ran", "a bear ran"),
    ],
)
def test_bearer_tokens_in_text(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.text(text) == expected


def test_api_keys_in_text(redactor: Redactor) -> None:
    key = new_api_key()
    assert redactor.text(f"key={key};") == f"key={MASK};"
    assert redactor.text(f"{key} and {key}") == f"{MASK} and {MASK}"
    assert key not in str(redactor.data({"note": [f"used {key}"]}))
    # Something merely starting like a key is left alone.
    assert redactor.text("flk_short") == "flk_short"


def test_known_values_and_their_encodings(redactor: Redactor) -> None:
    raw = SECRET.encode()
    forms = {
        "plain": SECRET,
        "url": urllib.parse.quote(SECRET, safe=""),
        "url-path": urllib.parse.quote(SECRET),  # keeps "/" as paths do
        "url-plus": urllib.parse.quote_plus(SECRET),
        "base64": base64.b64encode(raw).decode(),
        "base64-unpadded": base64.b64encode(raw).decode().rstrip("="),
        "base64-url": base64.urlsafe_b64encode(raw).decode(),
    }
    assert len(set(forms.values())) == len(forms)
    for label, form in forms.items():
        masked = redactor.text(f"before {form} after")
        assert form.rstrip("=") not in masked, label
        assert masked.startswith(f"before {MASK}"), label
        assert masked.endswith(" after"), label


def test_known_value_inside_a_longer_string(redactor: Redactor) -> None:
    assert redactor.text(f"xx{SECRET}yy") == f"xx{MASK}yy"


def test_short_values_are_not_registered() -> None:
    r = Redactor()
    r.add(["abc", ""])
    assert r.text("abc abcd") == "abc abcd"


def test_longest_known_value_wins() -> None:
    r = Redactor()
    r.add(["open-sesame", "open-sesame-seed"])
    assert r.text("say open-sesame-seed now") == f"say {MASK} now"


def test_values_with_regex_characters() -> None:
    r = Redactor()
    r.add(["a.b*c(d)[e]"])
    assert r.text("x a.b*c(d)[e] y") == f"x {MASK} y"
    assert r.text("x aXbbbc(d)[e] y") == "x aXbbbc(d)[e] y"


def test_adding_twice_is_harmless(redactor: Redactor) -> None:
    redactor.add([SECRET, SECRET])
    assert redactor.text(SECRET) == MASK
