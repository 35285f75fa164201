"""The network policy: which addresses an outbound call may reach.

Addresses are judged after resolution, for every connection (each redirect hop
opens or reuses one), and the connection goes to the very address that was
judged: ``PinnedBackend`` resolves once, checks every answer, then connects to
the checked IP, so a DNS server that answers differently the second time
(rebinding) never gets a second question. TLS still verifies the hostname, and
the ``Host`` header is the URL's, because the connection pool keys on the
hostname and only the TCP connect sees the IP.

Literal hosts are parsed the way C resolvers would read them (``0x7f000001``,
``2130706433``, ``0177.0.0.1``, ``127.1``), so no spelling of loopback slips
past the check before resolution does.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import SplitResult, urlsplit

import httpcore

from flowline.errors import FlowlineError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean
        "169.254.170.2",  # AWS ECS task credentials
        "fd00:ec2::254",  # AWS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "168.63.129.16",  # Azure wire server (a public address)
        "192.0.0.192",  # Oracle Cloud (classic)
    )
)
"""Cloud metadata services hand out credentials; refused unless listed by exact address."""

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_BROADCAST = ipaddress.ip_address("255.255.255.255")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_COMPAT = ipaddress.ip_network("::/96")


class OutboundRefused(FlowlineError):
    """The request was not sent: it breaks a rule of the safety contract."""

    status = 422
    code = "OUTBOUND_REFUSED"


def parse_literal(host: str) -> IPAddress | None:
    """The address a literal host stands for, in any spelling; ``None`` for a name.

    IPv4 follows ``inet_aton``: one to four parts, each decimal, octal (leading
    ``0``) or hex (``0x``), the last part filling the remaining bytes.
    """
    host = host.strip().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers: list[int] = []
    for part in parts:
        number = _number(part)
        if number is None:
            return None
        numbers.append(number)
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value << 8 | n
    value = value << (8 * (4 - len(head))) | last
    return ipaddress.IPv4Address(value)


def _number(part: str) -> int | None:
    lowered = part.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:], 16) if len(lowered) > 2 else 0
        if len(lowered) > 1 and lowered.startswith("0"):
            return int(lowered[1:], 8)
        return int(lowered, 10) if lowered.isdigit() else None
    except ValueError:
        return None


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64 or (ip in _COMPAT and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be called by default, or ``None`` if it may."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        reason = refusal(inner)
        return None if reason is None else f"{reason} (inside an IPv6 address)"
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip == _BROADCAST, "the broadcast address"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT, "a shared (CGNAT) address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    return next((reason for failed, reason in checks if failed), None)


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the checks made before any connection."""

    scheme: str
    host: str
    """Lower case, without brackets; a literal address in its canonical form."""
    port: int
    literal: IPAddress | None


class NetworkPolicy:
    """The default refusals, opened by ``FLOWLINE_ALLOW_HOSTS`` (names, ``*.names``, CIDRs)."""

    def __init__(self, allow: Iterable[str] = ()) -> None:
        self._names: set[str] = set()
        self._suffixes: list[str] = []
        self._networks: list[IPNetwork] = []
        for entry in allow:
            entry = entry.strip().lower().rstrip(".")
            if not entry:
                continue
            literal = parse_literal(entry.split("/", 1)[0])
            if literal is not None:
                prefix = entry.split("/", 1)[1] if "/" in entry else str(literal.max_prefixlen)
                self._networks.append(ipaddress.ip_network(f"{literal}/{prefix}", strict=False))
            elif entry.startswith("*."):
                self._suffixes.append(entry[1:])
            else:
                self._names.add(entry)

    def allows_name(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return host in self._names or any(host.endswith(s) for s in self._suffixes)

    def check_address(self, ip: IPAddress, host: str) -> None:
        """Refuse ``ip`` (what ``host`` resolved to) unless it is public or allowed."""
        for candidate in (ip, embedded_ipv4(ip)):
            if candidate is None:
                continue
            for network in self._networks:
                if candidate.version == network.version and candidate in network:
                    # A metadata address needs its own entry, not a range around it.
                    if candidate in METADATA_ADDRESSES and network.num_addresses > 1:
                        continue
                    return
        reason = refusal(ip)
        if reason is not None:
            shown = host if parse_literal(host) is not None else f"{host} ({ip})"
            raise OutboundRefused(
                f"{shown} is {reason}; nothing was sent. Add it to FLOWLINE_ALLOW_HOSTS to open it."
            )

    def check_url(self, url: str) -> Target:
        """The checks a URL must pass before any connection is opened."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            raise OutboundRefused("The URL cannot be parsed; nothing was sent.") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise OutboundRefused(f"Only http and https URLs are called, not {scheme or '?'}:.")
        if parts.username is not None or parts.password is not None or "@" in parts.netloc:
            raise OutboundRefused("URLs with user information are refused; use a credential.")
        host = _hostname(parts)
        if not host:
            raise OutboundRefused("The URL has no host; nothing was sent.")
        literal = parse_literal(host)
        if literal is not None:
            host = str(literal)
            self.check_address(literal, host)
        elif not self.allows_name(host) and host in ("localhost", "localhost.localdomain"):
            raise OutboundRefused(f"{host} is a loopback name; nothing was sent.")
        elif not self.allows_name(host) and host.endswith((".localhost", ".internal")):
            # .internal is reserved for private use (metadata.google.internal, …).
            raise OutboundRefused(f"{host} is a name for internal hosts; nothing was sent.")
        return Target(scheme, host, port or (443 if scheme == "https" else 80), literal)


def _hostname(parts: SplitResult) -> str:
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if netloc.startswith("["):
        return netloc[1:].split("]", 1)[0].lower()
    return (parts.hostname or "").lower().rstrip(".")


class Resolver(Protocol):
    """Turns a name into addresses; tests hand in their own."""

    async def resolve(self, host: str, port: int) -> list[str]: ...


class SystemResolver:
    """The operating system's resolver, without blocking the event loop."""

    async def resolve(self, host: str, port: int) -> list[str]:
        loop = asyncio.get_running_loop()
        try:
            answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc.strerror}") from None
        seen: list[str] = []
        for _family, _type, _proto, _name, address in answers:
            if address[0] not in seen:
                seen.append(str(address[0]))
        return seen


async def checked_addresses(
    policy: NetworkPolicy, resolver: Resolver, host: str, port: int, seconds: float | None
) -> Sequence[IPAddress]:
    """The addresses ``host`` may be reached at: resolved once, each one judged.

    Whoever connects must connect to one of these, never resolve again (SMTP
    uses it too: the policy is not only HTTP's).
    """
    literal = parse_literal(host)
    if literal is not None:
        policy.check_address(literal, host)
        return [literal]
    try:
        async with asyncio.timeout(seconds):
            resolved = await resolver.resolve(host, port)
    except TimeoutError:
        raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
    answers = [ipaddress.ip_address(a.split("%", 1)[0]) for a in resolved]
    if not answers:
        raise httpcore.ConnectError(f"{host} has no address")
    if not policy.allows_name(host):
        for ip in answers:
            policy.check_address(ip, host)
    return answers


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network layer, resolving once, checking, and connecting to that address.

    Any refused answer refuses the host: a name that mixes public and private
    addresses is not one to guess about.
    """

    def __init__(
        self,
        policy: NetworkPolicy,
        resolver: Resolver | None = None,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.policy = policy
        self.resolver: Resolver = resolver or SystemResolver()
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await checked_addresses(self.policy, self.resolver, host, port, timeout)
        error: Exception | None = None
        for ip in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(ip), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise OutboundRefused("Unix sockets are never called.")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)
