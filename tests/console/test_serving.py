"""The console's files through the real ASGI app: who gets HTML, who keeps JSON, headers."""

from __future__ import annotations

import gzip
import re

import httpx
import pytest

from flowline.console.serving import DIST, _accepts, is_page

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _asset(suffix: str) -> str:
    """The name of a built asset with ``suffix`` that has pre-compressed copies."""
    for path in sorted((DIST / "assets").iterdir()):
        if path.name.endswith(suffix) and path.with_name(path.name + ".br").exists():
            return path.name
    raise AssertionError(f"no {suffix} asset in {DIST}")


async def test_root_stays_json_for_api_clients(client: httpx.AsyncClient) -> None:
    for accept in (None, "application/json", "*/*"):
        r = await client.get("/", headers={"Accept": accept} if accept else {})
        assert r.status_code == 200
        assert r.json()["name"] == "flowline"


async def test_root_is_the_console_for_browsers(client: httpx.AsyncClient) -> None:
    r = await client.get("/", headers=HTML)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<div id="root">' in r.text
    assert r.headers["cache-control"] == "no-cache"
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert r.headers["x-request-id"]  # inside the request middleware, like every answer


async def test_a_fresh_style_nonce_per_page(client: httpx.AsyncClient) -> None:
    nonces = []
    for _ in range(2):
        r = await client.get("/flows", headers=HTML)
        nonce = re.search(r"'nonce-([A-Za-z0-9_-]+)'", r.headers["content-security-policy"])
        assert nonce is not None
        assert f'<meta name="csp-nonce" content="{nonce.group(1)}"' in r.text
        assert "CSP_NONCE" not in r.text
        nonces.append(nonce.group(1))
    assert nonces[0] != nonces[1]
    # Scripts never get a nonce: only files of this origin run.
    assert "script-src 'self';" in r.headers["content-security-policy"]


@pytest.mark.parametrize(
    "path", ["/login", "/flows", "/flows/flow_123", "/runs/run_1", "/settings/secrets", "/chat"]
)
async def test_pages_open_directly(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path, headers=HTML)
    assert r.status_code == 200
    assert '<div id="root">' in r.text


async def test_pages_are_not_html_for_other_clients(client: httpx.AsyncClient) -> None:
    r = await client.get("/flows", headers={"Accept": "application/json"})
    assert r.status_code == 404
    assert r.json()["error"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/flows", 401),
        ("/health", 200),
        ("/flowsx", 404),
        ("/v1/chat/completions", 405),
        ("/mcp", 405),
    ],
)
async def test_never_shadows_the_api(client: httpx.AsyncClient, path: str, status: int) -> None:
    r = await client.get(path, headers=HTML)
    assert r.status_code == status
    assert "content-security-policy" not in r.headers
    assert '<div id="root">' not in r.text


async def test_docs_stay_swagger(client: httpx.AsyncClient) -> None:
    r = await client.get("/docs", headers=HTML)
    assert r.status_code == 200
    assert "swagger" in r.text.lower()


async def test_index_has_no_inline_script(client: httpx.AsyncClient) -> None:
    text = (await client.get("/", headers=HTML)).text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S)
    assert scripts
    for attributes, body in scripts:
        assert 'src="/assets/' in attributes
        assert body.strip() == ""
    for linked in re.findall(r'(?:src|href)="(/assets/[^"]+)"', text):
        assert (await client.get(linked)).status_code == 200, linked


async def test_assets_precompressed_and_immutable(client: httpx.AsyncClient) -> None:
    name = _asset(".js")
    raw = (DIST / "assets" / name).read_bytes()
    r = await client.get(f"/assets/{name}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "br"
    assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert r.headers["vary"] == "accept-encoding"
    assert "javascript" in r.headers["content-type"]
    assert "content-security-policy" in r.headers
    # httpx leaves brotli as sent (no brotli decoder installed): the build's file, as is.
    assert r.content == (DIST / "assets" / f"{name}.br").read_bytes()

    r = await client.get(f"/assets/{name}", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.content == raw  # decoded by httpx
    assert gzip.decompress((DIST / "assets" / f"{name}.gz").read_bytes()) == raw

    r = await client.get(f"/assets/{name}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in r.headers
    assert r.content == raw


async def test_head_sends_no_body(client: httpx.AsyncClient) -> None:
    r = await client.head("/flows", headers=HTML)
    assert r.status_code == 200
    assert r.content == b""
    assert int(r.headers["content-length"]) > 0


@pytest.mark.parametrize(
    "path",
    ["/assets/missing.js", "/assets/../index.html", "/assets/%2e%2e/index.html", "/assets/a/b.js"],
)
async def test_unknown_or_escaping_assets(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 404
    assert "<div" not in r.text


async def test_writes_pass_through(client: httpx.AsyncClient) -> None:
    r = await client.post("/flows", headers=HTML)
    assert r.status_code in (404, 405)
    assert r.json()["error"]


def test_accepts() -> None:
    assert _accepts("text/html,application/xhtml+xml", "text/html")
    assert _accepts("gzip, br;q=0.5", "br")
    assert not _accepts("gzip, br;q=0", "br")
    assert not _accepts("application/json", "text/html")
    assert not _accepts("", "gzip")


def test_is_page() -> None:
    assert is_page("/")
    assert is_page("/flows")
    assert is_page("/flows/flow_1/versions")
    assert not is_page("/api/v1/flows")
    assert not is_page("/docs")
    assert not is_page("/flowsx")
    assert not is_page("/health")
