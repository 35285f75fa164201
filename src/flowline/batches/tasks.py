"""The engine task kinds of the batches domain, registered where the runtime is built
(``app.build_runtime``): one batch's run."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from flowline.batches.runner import run_batch
from flowline.batches.service import BATCH_TASK
from flowline.engine.live import Handler

HANDLERS: Mapping[str, Handler] = MappingProxyType({BATCH_TASK: run_batch})
