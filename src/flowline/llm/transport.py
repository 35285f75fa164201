"""The TLS context the providers' SDK clients share.

The adapters make one SDK client per call, closed after it (nothing outlives a
cancelled task), and each SDK client makes its own ``httpx2.AsyncClient``. Left
to itself, every one of those loads the system's CA certificates into a new SSL
context: 10 to 40 ms of CPU per model call, spent before the request is sent,
which was most of a chat turn's time to first token. An SSL context keeps no
per-connection state and is made to be shared, so the process makes it once and
hands it to every client; the clients themselves stay one per call.
"""

from __future__ import annotations

import functools
import ssl

import httpx2


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The SDKs' own default context (``httpx2``'s: the system's CAs, or ``SSL_CERT_FILE``)."""
    return httpx2.create_ssl_context()
