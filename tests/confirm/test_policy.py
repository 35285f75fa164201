"""Which requests need a person's confirmation, and how requests are sealed and hashed."""

from __future__ import annotations

import pytest

from flowline.outbound.confirm import (
    LITERAL,
    SECRET,
    TEXT,
    Sealer,
    coerce_policy,
    effective_policy,
    needs_confirmation,
    references,
    shown,
    unseal,
)
from flowline.secrets.schemas import ConfirmPolicy

NEVER, WRITES, ALWAYS = ConfirmPolicy.NEVER, ConfirmPolicy.WRITES, ConfirmPolicy.ALWAYS


@pytest.mark.parametrize(
    ("node", "credential", "default", "expected"),
    [
        (None, None, NEVER, NEVER),  # flows: opt-in
        (None, None, WRITES, WRITES),  # agent tools pass their own default
        (NEVER, None, WRITES, NEVER),  # the node's choice stands alone
        (NEVER, ALWAYS, NEVER, ALWAYS),  # the stricter wins
        (ALWAYS, WRITES, NEVER, ALWAYS),
        (WRITES, NEVER, NEVER, WRITES),
    ],
)
def test_the_stricter_policy_wins(
    node: ConfirmPolicy | None,
    credential: ConfirmPolicy | None,
    default: ConfirmPolicy,
    expected: ConfirmPolicy,
) -> None:
    assert effective_policy(node, credential, default=default) == expected


def test_writes_are_the_mutating_methods() -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert needs_confirmation(WRITES, method)
    for method in ("GET", "HEAD", "OPTIONS"):
        assert not needs_confirmation(WRITES, method)
        assert needs_confirmation(ALWAYS, method)
    assert not needs_confirmation(NEVER, "DELETE")
    assert (coerce_policy(True), coerce_policy(False), coerce_policy("writes")) == (
        "always",
        "never",
        "writes",
    )


def test_sealing_replaces_secret_values_with_references() -> None:
    secrets = {"tok": "s3cr3t-value", "base": "https://api.example"}
    data = {
        "url": "https://api.example/v1/s3cr3t-value/x",
        "whole": "s3cr3t-value",
        "plain": "nothing here",
        # Data that looks like a reference stays data: it is never filled with a secret.
        "trap": {SECRET: "tok"},
    }
    sealed = Sealer(secrets).data(data)
    assert sealed["url"] == {TEXT: [{SECRET: "base"}, "/v1/", {SECRET: "tok"}, "/x"]}
    assert sealed["whole"] == {SECRET: "tok"}
    assert sealed["trap"] == {LITERAL: {SECRET: "tok"}}
    assert "s3cr3t-value" not in repr(sealed)
    assert references(sealed) == {"tok", "base"}
    assert unseal(sealed, secrets) == data
    assert shown(sealed)["url"] == "***/v1/***/x"
    assert shown(sealed)["trap"] == {SECRET: "tok"}
