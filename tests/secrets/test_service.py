from __future__ import annotations

import io
import secrets as stdlib_secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
import structlog
from cryptography.fernet import Fernet

from flowline.db.models import Secret
from flowline.errors import NotFound, ValidationFailed
from flowline.observability.logs import configure_logging
from flowline.observability.redaction import MASK, redactor
from flowline.runtime import Runtime
from flowline.secrets import service
from flowline.secrets.crypto import SecretBox
from flowline.secrets.schemas import SecretCreate, SecretKind
from tests.factories import Factory, Org


def _value() -> str:
    return "sv-" + stdlib_secrets.token_urlsafe(24)


async def _create(runtime: Runtime, org: Org, name: str, value: str, box: SecretBox) -> None:
    async with runtime.db.session(write=True) as session:
        await service.create_secret(
            session, org.principal(), SecretCreate(name=name, value=value), box
        )


async def _reveal(runtime: Runtime, org_id: str, name: str, box: SecretBox) -> str:
    async with runtime.db.session() as session:
        return await service.reveal(session, org_id, name, box)


async def _ciphertext(runtime: Runtime, org: Org, name: str) -> str:
    async with runtime.db.session() as session:
        stmt = sa.select(Secret.ciphertext).where(Secret.org_id == org.id, Secret.name == name)
        return (await session.execute(stmt)).scalar_one()


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    saved = structlog.get_config()
    stream = io.StringIO()
    configure_logging("debug", stream=stream)
    yield stream
    structlog.configure(**saved)


async def test_reveal_decrypts_and_registers_for_redaction(
    factory: Factory, runtime: Runtime, log_stream: io.StringIO
) -> None:
    org = await factory.org()
    value = _value()
    await _create(runtime, org, "TOKEN", value, runtime.secret_box)
    assert redactor.text(f"x {value} y") == f"x {value} y"  # not known before reveal

    assert await _reveal(runtime, org.id, "TOKEN", runtime.secret_box) == value

    assert redactor.text(f"x {value} y") == f"x {MASK} y"
    structlog.get_logger("flowline.test").info("calling", detail=f"with {value}", note=value)
    logs = log_stream.getvalue()
    assert "calling" in logs
    assert value not in logs


async def test_reveal_unknown_or_other_org_is_not_found(factory: Factory, runtime: Runtime) -> None:
    org, other = await factory.org(), await factory.org()
    await _create(runtime, other, "THEIRS", _value(), runtime.secret_box)
    for org_id, name in ((org.id, "THEIRS"), (other.id, "MISSING")):
        with pytest.raises(NotFound):
            await _reveal(runtime, org_id, name, runtime.secret_box)
    with pytest.raises(ValidationFailed):
        await _reveal(runtime, other.id, "not a name", runtime.secret_box)


async def test_ciphertext_is_not_the_value(factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()
    value = _value()
    await _create(runtime, org, "TOKEN", value, runtime.secret_box)
    stored = await _ciphertext(runtime, org, "TOKEN")
    assert value not in stored
    assert runtime.secret_box.decrypt(stored) == value
    other_box = SecretBox([Fernet.generate_key().decode()])
    with pytest.raises(ValueError, match="cannot be decrypted"):
        other_box.decrypt(stored)


async def test_key_rotation(factory: Factory, runtime: Runtime) -> None:
    org = await factory.org()
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    old, rotated, new_only = (
        SecretBox([old_key]),
        SecretBox([new_key, old_key]),
        SecretBox([new_key]),
    )
    value = _value()
    await _create(runtime, org, "TOKEN", value, old)

    # The new key first, the old one after it: old data still decrypts.
    assert await _reveal(runtime, org.id, "TOKEN", rotated) == value
    with pytest.raises(ValueError, match="cannot be decrypted"):
        await _reveal(runtime, org.id, "TOKEN", new_only)

    # Re-encrypting under the newest key lets the old key go.
    async with runtime.db.session(write=True) as session:
        assert await service.reencrypt(session, org.id, rotated) == 1
    assert await _reveal(runtime, org.id, "TOKEN", new_only) == value
    with pytest.raises(ValueError, match="cannot be decrypted"):
        await _reveal(runtime, org.id, "TOKEN", old)


async def test_reencrypt_touches_only_its_org(factory: Factory, runtime: Runtime) -> None:
    org, other = await factory.org(), await factory.org()
    key = runtime.secret_box
    await _create(runtime, org, "A", _value(), key)
    await _create(runtime, other, "B", _value(), key)
    before = await _ciphertext(runtime, other, "B")
    async with runtime.db.session(write=True) as session:
        assert await service.reencrypt(session, org.id, key) == 1
    assert await _ciphertext(runtime, other, "B") == before


@pytest.mark.parametrize(
    ("value", "last4"),
    [("abcdefgh", "efgh"), ("1234567", ""), ("x" * 100 + "wxyz", "wxyz"), ("ünïcödé!", "ödé!")],
)
def test_last4(value: str, last4: str) -> None:
    assert service.last4(value) == last4


async def test_create_checks_kind_rules_without_quoting_the_value(
    factory: Factory, runtime: Runtime
) -> None:
    org = await factory.org()
    value = "no-colon-" + _value()
    data = SecretCreate(name="BASIC", kind=SecretKind.BASIC, value=value, hosts=["api.example.com"])
    async with runtime.db.session(write=True) as session:
        with pytest.raises(ValidationFailed) as caught:
            await service.create_secret(session, org.principal(), data, runtime.secret_box)
    assert caught.value.details == [
        {"field": "value", "problem": "must be 'user:password' for kind 'basic'"}
    ]
    assert value not in str(caught.value)
