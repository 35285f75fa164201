"""A fake SMTP server on loopback (aiosmtpd): AUTH, STARTTLS or implicit TLS, recorded mail.

The certificate is made here, self-signed for ``localhost`` and ``127.0.0.1``,
so a client that checks certificates refuses it (what a test of that wants) and
one told not to check gets through. ``fail_next(n, code)`` answers the next
``n`` messages' ``DATA`` with that reply code (``451`` transient, ``550`` final).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import socket
import ssl
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    data: bytes
    login: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class FakeSmtp:
    user: str
    password: str
    mail: list[Mail] = field(default_factory=list)
    logins: list[tuple[str, bool]] = field(default_factory=list)
    faults: list[int] = field(default_factory=list)
    tls_sessions: int = 0
    port: int = 0

    def fail_next(self, count: int = 1, code: int = 451) -> None:
        self.faults.extend([code] * count)

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = data.login.decode(), data.password.decode()
        ok = login == self.user and password == self.password
        self.logins.append((login, ok))
        return AuthResult(success=ok, handled=False, auth_data=login if ok else None)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        transport = server.transport
        implicit = transport is not None and transport.get_extra_info("ssl_object") is not None
        if session.ssl is not None or implicit:
            self.tls_sessions += 1
        if self.faults:
            code = self.faults.pop(0)
            return f"{code} {'4.3.0 Try again later' if code < 500 else '5.7.1 Refused'}"
        content = envelope.original_content or envelope.content or b""
        self.mail.append(
            Mail(
                str(envelope.mail_from),
                list(envelope.rcpt_tos),
                content if isinstance(content, bytes) else content.encode(),
                str(session.auth_data) if session.auth_data else None,
            )
        )
        return "250 2.0.0 Message accepted for delivery"


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serve_smtp(
    fake: FakeSmtp, security: Literal["starttls", "tls"] = "starttls"
) -> AsyncIterator[FakeSmtp]:
    with tempfile.TemporaryDirectory() as folder:
        cert, key = _certificate(Path(folder))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        fake.port = _free_port()
        options: dict[str, Any] = {
            "hostname": "127.0.0.1",
            "port": fake.port,
            "authenticator": fake.authenticate,
            "auth_require_tls": True,
        }
        if security == "tls":
            # aiosmtpd counts only STARTTLS as TLS for AUTH; here the socket is TLS already.
            options["ssl_context"] = context
            options["auth_require_tls"] = False
        else:
            options["tls_context"] = context
            options["require_starttls"] = True
        controller = Controller(fake, **options)
        controller.start()
        try:
            yield fake
        finally:
            controller.stop()
