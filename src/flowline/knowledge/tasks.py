"""The engine task kinds of the knowledge domain, registered where the runtime is built
(``process.build_runtime``): one document's indexing."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from flowline.engine.live import Handler
from flowline.knowledge.ingestion import INGEST_TASK, ingest

HANDLERS: Mapping[str, Handler] = MappingProxyType({INGEST_TASK: ingest})
