"""Email: SMTP out, raw RFC 822 messages in.

Sending is the one channel send that is not HTTP, so it cannot go through the
outbound client; it still obeys the same network policy: the SMTP host is
resolved once, every address judged (``outbound.policy.checked_addresses``),
and the connection made to a judged address while TLS checks the host's name.
The MIME message is the standard library's ``EmailMessage`` (text, plus an HTML
alternative when given); its ``Message-ID`` carries our message id, so a
receiver sees a retried send as the same message; ``In-Reply-To`` and
``References`` keep the thread.

Inbound mail arrives as a ``POST`` of the raw message (what forwarding services
such as Mailgun's or Postmark's raw forwards, or a small MTA hook, post), signed
``Flowline-Signature`` with the channel's ``inbound_secret``, like our callbacks.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import socket
import ssl
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, parseaddr
from html.parser import HTMLParser
from types import MappingProxyType
from typing import Any, Literal

import aiosmtplib
import httpcore
from pydantic import BaseModel, ConfigDict, Field, field_validator

from flowline.channels.providers.base import (
    ChannelContext,
    Inbound,
    InboundMessage,
    InboundRejected,
    InboundRequest,
    InvalidAddress,
    OutgoingMessage,
    SendFailed,
    SendResult,
)
from flowline.channels.providers.wire import secret_for_inbound, unsupported
from flowline.observability.redaction import redactor
from flowline.outbound.policy import IPAddress, checked_addresses
from flowline.signatures import is_valid

ADDRESS_PATTERN = (
    r"^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.[A-Za-z0-9-]+$"
)
"""A plain address as the document states it (``_address`` takes more: a display name)."""
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})


class EmailConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    smtp_host: str = Field(min_length=1, max_length=253, description="The SMTP server's host.")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = Field(
        default="starttls",
        description="`starttls` (port 587), `tls` (implicit TLS, port 465) or `none`.",
    )
    verify_certificate: bool = Field(
        default=True, description="Check the server's TLS certificate (turn off only for tests)."
    )
    from_address: str = Field(
        description="The sender's address.", json_schema_extra={"pattern": ADDRESS_PATTERN}
    )
    from_name: str | None = Field(default=None, max_length=200)
    default_subject: str = Field(default="Message", max_length=200)
    timeout_seconds: float = Field(default=30.0, gt=0, le=120)

    @field_validator("from_address")
    @classmethod
    def _from(cls, value: str) -> str:
        return _address(value, "config.from_address")


def _address(value: str, field: str) -> str:
    address = parseaddr(value.strip())[1].lower()
    if not _ADDRESS.match(address):
        raise InvalidAddress(
            f"{field}: {value[:64]!r} is not an email address.",
            details=[{"field": field, "problem": "not an email address"}],
        )
    return address


def _ids(header: str | None) -> list[str]:
    return _MESSAGE_ID.findall(str(header or ""))


class _Text(HTMLParser):
    """Text of an HTML body: data kept, scripts and styles dropped, blocks on their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


async def _connect(addresses: Sequence[IPAddress], port: int, seconds: float) -> socket.socket:
    """A TCP connection to the first judged address that answers."""
    loop = asyncio.get_running_loop()
    error: Exception = OSError("no address")
    for ip in addresses:
        family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            async with asyncio.timeout(seconds):
                await loop.sock_connect(sock, (str(ip), port))
        except (OSError, TimeoutError) as exc:
            sock.close()
            error = exc
            continue
        return sock
    raise error


class EmailProvider:
    kind = "email"
    config_model: type[BaseModel] = EmailConfig
    credential_roles: Mapping[str, bool] = MappingProxyType({"smtp": False, "inbound_secret": True})
    supports_buttons = False
    session_window_hours: int | None = None

    def normalise_address(self, address: str, config: Mapping[str, Any]) -> str:
        return _address(address, "to")

    def compose(self, config: EmailConfig, message: OutgoingMessage) -> EmailMessage:
        """The MIME message for ``message`` (its ``Message-ID`` is ours)."""
        if message.type != "text":
            raise unsupported(self.kind, message.type)
        mail = EmailMessage(policy=policy.SMTP)
        mail["From"] = formataddr((config.from_name or "", config.from_address))
        mail["To"] = message.to
        mail["Subject"] = str(message.body.get("subject") or config.default_subject)
        mail["Date"] = format_datetime(datetime.now(UTC))
        mail["Message-ID"] = f"<{self.message_id(config, message)}>"
        references = [str(r) for r in message.thread.get("references") or []]
        if message.reply_to:
            mail["In-Reply-To"] = f"<{message.reply_to}>"
            if message.reply_to not in references:
                references.append(message.reply_to)
        if references:
            mail["References"] = " ".join(f"<{r}>" for r in references)
        mail.set_content(str(message.body.get("text") or ""))
        if message.body.get("html"):
            mail.add_alternative(str(message.body["html"]), subtype="html")
        if message.body.get("calendar"):  # an iCalendar invite (artifacts' schedule-meeting)
            mail.add_attachment(
                str(message.body["calendar"]).encode(),
                maintype="text",
                subtype="calendar",
                filename="invite.ics",
                params={"method": "REQUEST", "charset": "utf-8"},
            )
        return mail

    @staticmethod
    def message_id(config: EmailConfig, message: OutgoingMessage) -> str:
        return f"{message.message_id}@{config.from_address.rsplit('@', 1)[1]}"

    async def _session(self, ctx: ChannelContext, config: EmailConfig) -> aiosmtplib.SMTP:
        """A connected, logged-in SMTP session to a host the network policy allows."""
        try:
            addresses = await checked_addresses(
                ctx.outbound.policy,
                ctx.outbound.resolver,
                config.smtp_host,
                config.smtp_port,
                config.timeout_seconds,
            )
            sock = await _connect(addresses, config.smtp_port, config.timeout_seconds)
        except (OSError, TimeoutError, httpcore.ConnectError, httpcore.ConnectTimeout):
            raise SendFailed(
                f"SMTP: could not connect to {config.smtp_host}:{config.smtp_port}.",
                code="NETWORK_ERROR",
                retryable=True,
            ) from None
        smtp = aiosmtplib.SMTP(
            hostname=config.smtp_host,
            sock=sock,
            use_tls=config.security == "tls",
            start_tls=config.security == "starttls",
            validate_certs=config.verify_certificate,
            timeout=config.timeout_seconds,
        )
        login = ctx.credentials.get("smtp")
        try:
            await smtp.connect()
            if login is not None:
                user, _, password = login.value.partition(":")
                await smtp.login(user, password)
        except BaseException:
            # The socket is the transport's now: closing it here would free its
            # descriptor while the (TLS) transport still closes over it.
            smtp.close()
            raise
        return smtp

    async def _deliver(
        self, ctx: ChannelContext, config: EmailConfig, mail: EmailMessage | None
    ) -> None:
        """Connect, log in and send ``mail`` (or only log in); every failure a ``SendFailed``."""
        try:
            smtp = await self._session(ctx, config)
            try:
                if mail is not None:
                    await smtp.send_message(mail)
            finally:
                await _quit(smtp)
        except aiosmtplib.SMTPException as exc:
            raise _failure(exc) from None
        except ssl.SSLError as exc:
            raise SendFailed(
                f"SMTP: TLS with {config.smtp_host} failed ({exc.reason or 'handshake'}).",
                code="SMTP_TLS_FAILED",
            ) from None
        except (OSError, TimeoutError):
            raise SendFailed(
                f"SMTP: the connection to {config.smtp_host} was lost.",
                code="NETWORK_ERROR",
                retryable=True,
            ) from None

    async def send(self, ctx: ChannelContext, message: OutgoingMessage) -> SendResult:
        config = EmailConfig.model_validate(ctx.config)
        await self._deliver(ctx, config, self.compose(config, message))
        return SendResult(provider_message_id=self.message_id(config, message))

    def verify(self, ctx: ChannelContext, request: InboundRequest) -> None:
        secret = secret_for_inbound(ctx, "inbound_secret")
        if not is_valid(secret, request.headers.get("flowline-signature"), request.body):
            raise InboundRejected("Flowline-Signature does not sign this message, or is too old.")

    def parse(self, ctx: ChannelContext, request: InboundRequest) -> Inbound:
        mail = BytesParser(policy=policy.default).parsebytes(request.body)
        assert isinstance(mail, EmailMessage)  # policy.default makes EmailMessage
        sender = mail["From"]
        addresses = getattr(sender, "addresses", ()) if sender is not None else ()
        first: Address | None = addresses[0] if addresses else None
        if first is None or not first.addr_spec:
            return Inbound()
        own_id = _ids(mail["Message-ID"])
        provider_id = own_id[0] if own_id else "sha256:" + hashlib.sha256(request.body).hexdigest()
        reply_to = _ids(mail["In-Reply-To"])
        date = mail["Date"]
        received = getattr(date, "datetime", None) if date is not None else None
        message = InboundMessage(
            provider_message_id=provider_id,
            from_address=_address(first.addr_spec, "From"),
            type="text",
            body={"text": _body_text(mail), "subject": str(mail["Subject"] or "")},
            from_name=first.display_name or None,
            received_at=received if isinstance(received, datetime) else None,
            reply_to=reply_to[0] if reply_to else None,
            thread={"references": _ids(mail["References"])},
        )
        return Inbound(messages=(message,))

    async def test(self, ctx: ChannelContext) -> dict[str, Any]:
        config = EmailConfig.model_validate(ctx.config)
        try:
            await self._deliver(ctx, config, None)
        except SendFailed as exc:
            return {"ok": False, "error": exc.error_code, "message": exc.message}
        return {"ok": True, "host": config.smtp_host, "security": config.security}


def _body_text(mail: EmailMessage) -> str:
    part = mail.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content() if isinstance(part, EmailMessage) else ""
    if not isinstance(content, str):
        return ""
    return html_text(content) if part.get_content_subtype() == "html" else content.strip()


async def _quit(smtp: aiosmtplib.SMTP) -> None:
    try:
        await smtp.quit()
    except aiosmtplib.SMTPException:
        smtp.close()


def _failure(exc: aiosmtplib.SMTPException) -> SendFailed:
    code = getattr(exc, "code", None)
    text = redactor.text(str(getattr(exc, "message", "") or exc))[:300]
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return SendFailed(f"SMTP login refused: {text}", code="SMTP_AUTH_FAILED")
    # 4xx replies and lost connections are transient; 5xx are final.
    transient = isinstance(
        exc,
        aiosmtplib.SMTPConnectError
        | aiosmtplib.SMTPServerDisconnected
        | aiosmtplib.SMTPTimeoutError,
    ) or (isinstance(code, int) and 400 <= code < 500)
    return SendFailed(
        f"SMTP refused the message: {text}",
        code="SMTP_FAILED",
        retryable=transient,
        provider_error={"code": code, "message": text},
    )
