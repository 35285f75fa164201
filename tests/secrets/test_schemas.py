from __future__ import annotations

import re

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowline.secrets.schemas import (
    HOST_PATTERN,
    SecretUpdate,
    check_name,
    check_value,
    normalise_host,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("api.example.com", "api.example.com"),
        ("  API.Example.COM. ", "api.example.com"),
        ("localhost", "localhost"),
        ("*.example.com", "*.example.com"),
        ("*.Example.co.uk", "*.example.co.uk"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("192.0.2.10", "192.0.2.10"),
        ("2001:DB8::1", "2001:db8::1"),
        ("[::1]", "::1"),
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("10.1.2.3/8", "10.0.0.0/8"),
        ("2001:db8::/32", "2001:db8::/32"),
    ],
)
def test_valid_hosts(raw: str, expected: str) -> None:
    assert normalise_host(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "must not be empty"),
        ("https://api.example.com", "not a URL"),
        ("api.example.com/v1", "not a URL"),
        ("user@api.example.com", "not a URL"),
        ("api.example.com?x=1", "not a URL"),
        ("*", "go anywhere"),
        ("*.com", "too broad"),
        ("a.*.example.com", "leading '*.'"),
        ("*example.com", "leading '*.'"),
        ("api.example.com:8443", "without a port"),
        ("under_score.example.com", "not a valid host name"),
        ("-lead.example.com", "not a valid host name"),
        ("a..b", "not a valid host name"),
        ("x" * 64 + ".example.com", "not a valid host name"),
        ("10.0.0.0/33", "not a valid CIDR range"),
    ],
)
def test_invalid_hosts(raw: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        normalise_host(raw)


def test_long_host_is_shortened_in_the_message() -> None:
    with pytest.raises(ValueError, match=r"\.\.\.' is not a valid host name") as caught:
        normalise_host("a_" * 200)
    assert len(str(caught.value)) < 150


@pytest.mark.parametrize("name", ["A", "_", "stripe.live-key_1", "x" * 128])
def test_valid_names(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize("name", ["", "1a", ".a", "-a", "a b", "a/b", "x" * 129, "é"])
def test_invalid_names(name: str) -> None:
    with pytest.raises(ValueError, match="must start with"):
        check_name(name)


def test_value_limit_counts_bytes() -> None:
    assert check_value("a" * 65536)
    with pytest.raises(ValueError, match="65537 bytes") as caught:
        check_value("é" * 32768 + "a")
    assert "é" not in str(caught.value)


@given(host=st.from_regex(HOST_PATTERN, fullmatch=True).filter(lambda h: len(h) <= 253))
@settings(max_examples=200, derandomize=True, database=None, deadline=None)
def test_every_host_the_schema_allows_is_taken(host: str) -> None:
    """The document's pattern for a ``hosts`` entry is no wider than ``normalise_host``."""
    assert normalise_host(host)


def test_an_update_without_a_value_fits_any_kind_in_the_schema() -> None:
    """A value rule applies to a value given: ``null`` leaves the stored one (taken)."""
    schema = SecretUpdate.model_json_schema()
    valid = jsonschema.Draft202012Validator(schema).is_valid
    assert valid({"kind": "bearer", "value": None})
    assert valid({"kind": "basic", "value": None})
    assert not valid({"kind": "bearer", "value": "Bearer abc"})
    assert not valid({"kind": "basic", "value": "no-colon"})
    assert not valid({"kind": "bearer", "header": "X-Key"})
