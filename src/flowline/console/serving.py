"""Serving the console's built files (``dist/``, made from ``console/`` by Vite).

A pure-ASGI middleware in front of the routers, like ``RequestMiddleware``: it answers
only ``GET``/``HEAD`` of the console's own paths and passes everything else through
untouched, so the API, ``/docs``, ``/health``, ``/mcp`` and hooks never see it.

- ``/assets/<hashed name>``: the bundle, cached for a year (a new build has new names),
  sent pre-compressed (``.br``/``.gz`` written by the build) when the client takes it.
- The console's pages (``/``, ``/flows/…``, ``/runs/…``, …) answer ``index.html`` to a
  browser (``Accept: text/html``), never cached, so a reload or a shared link opens the
  page; other clients get what they got before (``GET /`` stays the JSON status).

Every console answer carries a strict Content-Security-Policy: scripts only from this
origin (no inline script, no ``eval``), styles from this origin plus the one ``<style>``
element CodeMirror writes, admitted by a nonce made fresh for each ``index.html`` (the
page reads it from ``<meta name="csp-nonce">``); no framing, no plugins.
"""

from __future__ import annotations

import mimetypes
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

DIST = Path(__file__).parent / "dist"

# The first path segment of every console page. Pages that are not built yet are
# listed too, so adding one needs no change here; anything else is left to the API.
PAGE_ROOTS = frozenset(
    {"login", "flows", "runs", "approvals", "agents", "chat", "channels", "settings"}
)
# Files at the root of dist/ that the page links to by fixed name (Vite's public/).
ROOT_FILES = frozenset({"favicon.svg"})
_ASSET = re.compile(r"^/assets/([A-Za-z0-9_.-]+)$")

# index.html's <meta name="csp-nonce" content="CSP_NONCE">, filled in per answer.
NONCE_PLACEHOLDER = b'content="CSP_NONCE"'
_POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)


def content_security_policy(nonce: str | None = None) -> str:
    styles = f"style-src 'self' 'nonce-{nonce}'" if nonce else "style-src 'self'"
    return "; ".join((*_POLICY, styles))


SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)
IMMUTABLE = b"public, max-age=31536000, immutable"
NO_CACHE = b"no-cache"
# Best first: the build writes both next to every text asset over 1 KiB.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


@dataclass(frozen=True, slots=True)
class _File:
    body: bytes
    content_type: str
    encoding: str | None


def is_page(path: str) -> bool:
    """Whether ``path`` is one of the console's pages (not an asset, not the API)."""
    if path == "/":
        return True
    first = path[1:].split("/", 1)[0]
    return first in PAGE_ROOTS


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _accepts(header: str, token: str) -> bool:
    """``token`` is listed in an Accept(-Encoding) header and not refused with q=0."""
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() == token:
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class ConsoleFiles:
    """The files of one build, read once each and kept in memory (a few hundred KB)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[str, str | None], _File | None] = {}

    @property
    def built(self) -> bool:
        return (self.root / "index.html").is_file()

    def get(self, relative: str, accept_encoding: str) -> _File | None:
        for encoding, suffix in ENCODINGS:
            if _accepts(accept_encoding, encoding):
                found = self._load(relative, encoding, suffix)
                if found is not None:
                    return found
        return self._load(relative, None, "")

    def _load(self, relative: str, encoding: str | None, suffix: str) -> _File | None:
        key = (relative, encoding)
        if key not in self._cache:
            path = self.root / (relative + suffix)
            if path.is_file():
                kind = mimetypes.guess_type(relative)[0] or "application/octet-stream"
                if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
                    kind += "; charset=utf-8"
                self._cache[key] = _File(path.read_bytes(), kind, encoding)
            else:
                self._cache[key] = None
        return self._cache[key]


class ConsoleMiddleware:
    def __init__(self, app: ASGIApp, *, root: Path = DIST) -> None:
        self.app = app
        self.files = ConsoleFiles(root)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        asset = _ASSET.match(path)
        if asset is not None:
            await self._send(scope, send, f"assets/{asset.group(1)}", IMMUTABLE)
        elif path[1:] in ROOT_FILES:
            await self._send(scope, send, path[1:], NO_CACHE)
        elif (
            is_page(path) and self.files.built and _accepts(_header(scope, b"accept"), "text/html")
        ):
            await self._send(scope, send, "index.html", NO_CACHE)
        else:
            await self.app(scope, receive, send)

    async def _send(self, scope: Scope, send: Send, relative: str, cache: bytes) -> None:
        found = self.files.get(relative, _header(scope, b"accept-encoding"))
        nonce = secrets.token_urlsafe(18) if relative == "index.html" else None
        headers = [
            (b"content-security-policy", content_security_policy(nonce).encode()),
            *SECURITY_HEADERS,
            (b"vary", b"accept-encoding"),
        ]
        if found is None:
            body = b"Not found"
            headers += [(b"content-type", b"text/plain; charset=utf-8")]
            status = 404
        else:
            body = found.body
            if nonce is not None:
                body = body.replace(NONCE_PLACEHOLDER, f'content="{nonce}"'.encode())
            headers += [(b"content-type", found.content_type.encode()), (b"cache-control", cache)]
            if found.encoding is not None:
                headers.append((b"content-encoding", found.encoding.encode()))
            status = 200
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )


def install_console(app: Starlette) -> None:
    """Serve the console from ``app``; added first, so request ids and access logs cover it."""
    app.add_middleware(ConsoleMiddleware)
