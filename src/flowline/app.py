"""``create_app()``: routers, error handlers, middleware and the process lifespan."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from flowline import __version__
from flowline.activity.router import router as activity_router
from flowline.agents.callbacks import callbacks_router
from flowline.agents.cancellation import router as cancel_router
from flowline.agents.mcp import router as mcp_router
from flowline.agents.openai_compat import router as openai_router
from flowline.agents.openai_errors import openai_error_body
from flowline.agents.openai_models import router as openai_models_router
from flowline.agents.router import router as agents_router
from flowline.api.body_limit import BodyLimitMiddleware
from flowline.api.deps import AUTHENTICATORS
from flowline.api.errors import install_error_handlers, internal_error
from flowline.api.openapi import install_openapi
from flowline.api.routing import index_routers
from flowline.approvals.router import router as approvals_router
from flowline.approvals.router import run_approve_router
from flowline.artifacts.router import router as artifacts_router
from flowline.attachments.router import router as attachments_router
from flowline.attachments.router import s3_router
from flowline.auth.router import router as auth_router
from flowline.batches.router import cancel_router as background_cancel_router
from flowline.batches.router import files_router
from flowline.batches.router import router as batches_router
from flowline.cached_results.router import router as cached_results_router
from flowline.callbacks.router import router as callback_keys_router
from flowline.capabilities.router import router as capabilities_router
from flowline.channels.router import ROUTERS as CHANNEL_ROUTERS
from flowline.completions.router import llm_router as llm_completions_router
from flowline.completions.router import router as completions_router
from flowline.config import Settings
from flowline.console import install_console
from flowline.context.router import router as context_router
from flowline.conversations.router import agent_conversations_router
from flowline.conversations.router import router as conversations_router
from flowline.conversations.title_aliases import router as agent_titles_router
from flowline.documents.router import router as documents_router
from flowline.emails.router import router as emails_router
from flowline.engine.live import follow_cancels
from flowline.engine.worker import run_embedded
from flowline.events.ws import router as events_ws_router
from flowline.flows.router import node_types_router
from flowline.flows.router import router as flows_router
from flowline.groups.router import router as groups_router
from flowline.hooks.router import flow_hooks_router
from flowline.hooks.router import router as hooks_router
from flowline.knowledge.router import ROUTERS as KNOWLEDGE_ROUTERS
from flowline.kv.router import router as kv_router
from flowline.llm.byok_router import router as llm_byok_router
from flowline.llm.router import models_router
from flowline.llm.router import router as llm_config_router
from flowline.llm.transport import close_clients
from flowline.maintenance import run_maintenance
from flowline.mcp_servers.router import agent_router as agent_mcp_router
from flowline.mcp_servers.router import router as mcp_servers_router
from flowline.meetings.router import router as meetings_router
from flowline.memory.router import router as memory_router
from flowline.observability.logs import configure_logging
from flowline.observability.middleware import RequestMiddleware
from flowline.orgs.router import router as orgs_router
from flowline.process import build_runtime as build_runtime  # its callers import it here too
from flowline.prompt_blocks.router import router as prompt_blocks_router
from flowline.questions.router import router as questions_router
from flowline.responses.router import router as responses_router
from flowline.runs.router import flow_runs_router
from flowline.runs.router import router as runs_router
from flowline.runtime import Runtime
from flowline.schedules.router import router as schedules_router
from flowline.schedules.scheduler import run_scheduler
from flowline.secrets.router import router as secrets_router
from flowline.settings.router import router as settings_router
from flowline.skills.router import agent_router as agent_skills_router
from flowline.skills.router import router as skills_router
from flowline.subagents.router import router as subagents_router
from flowline.system.router import router as system_router
from flowline.tasks.router import router as tasks_router
from flowline.tools.router import router as tools_router
from flowline.usage.router import router as usage_router
from flowline.users.router import router as users_router
from flowline.voice.router import calls_router, config_router, webhook_router

log = structlog.get_logger("flowline")

MAX_BODY_BYTES = 4 * 1024 * 1024
UPLOAD_PATHS = ("/api/v1/attachments", "/api/v1/s3/upload", "/api/v1/files")
"""Streamed uploads, limited by ``FLOWLINE_UPLOAD_MAX_MB`` instead."""
# Busiest first: routes are matched in this order on every request.
ROUTERS = (
    agents_router,
    tools_router,
    subagents_router,
    capabilities_router,
    conversations_router,
    agent_conversations_router,
    agent_titles_router,
    cached_results_router,
    flow_runs_router,
    flows_router,
    runs_router,
    callbacks_router,
    callback_keys_router,
    run_approve_router,
    approvals_router,
    artifacts_router,
    emails_router,
    meetings_router,
    activity_router,
    webhook_router,
    calls_router,
    config_router,
    attachments_router,
    s3_router,
    files_router,
    batches_router,
    background_cancel_router,
    documents_router,
    hooks_router,
    flow_hooks_router,
    *CHANNEL_ROUTERS,
    *KNOWLEDGE_ROUTERS,
    memory_router,
    schedules_router,
    tasks_router,
    kv_router,
    auth_router,
    secrets_router,
    models_router,
    llm_config_router,
    completions_router,
    llm_completions_router,
    llm_byok_router,
    usage_router,
    settings_router,
    groups_router,
    users_router,
    orgs_router,
    node_types_router,
    skills_router,
    agent_skills_router,
    mcp_servers_router,
    agent_mcp_router,
    prompt_blocks_router,
    context_router,
    questions_router,
    openai_router,
    openai_models_router,
    responses_router,
    mcp_router,
    cancel_router,
    system_router,
)

DESCRIPTION = """
Flowline runs automation **flows** and AI **agents** durably, calls other APIs
safely, and stops to ask a person when it must.

Every answer is JSON. One object comes as `{"data": {...}}`; lists as
`{"data": [...], "total", "page", "size", "pages"}` with `page` (from 0) and
`size` (1 to 100, default 25). Every failure has the body
`{"error": "CODE", "message": "...", "statusCode": N, "details"?: [{"field", "problem"}]}`.

Authenticate with `Authorization: Bearer <key>` or `X-API-Key: <key>` (or, for
clients written for seed 004, the key alone: `Authorization: <key>`), or with the
session cookie from `POST /api/v1/auth/login` (plus `X-CSRF-Token` on writes).
A body that is not JSON, for whatever reason, is `400 INVALID_JSON`.
No string in a JSON body (value or object key) may hold the NUL character
(`\\u0000`): such a body is `422 VALIDATION_ERROR` naming the field. No integer
in a JSON body may be below `-2**63` or above `2**63 - 1` (64 bits): such a body is
`422 VALIDATION_ERROR` naming the field too.

The OpenAI-compatible routes under `/v1` (agents as models, chat completions,
responses) answer in OpenAI's shapes instead, failures included:
`{"error": {"message", "type", "code", "param"}}` with the same status codes.
"""


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> FastAPI:
    """The ASGI application. Pass ``runtime`` to share a database with the caller."""
    if runtime is None:
        runtime = build_runtime(settings or Settings())
    configure_logging(runtime.settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.bus.start()
        maintenance = asyncio.create_task(run_maintenance(runtime), name="flowline-maintenance")
        worker = None
        if runtime.worker_enabled:
            worker = asyncio.create_task(run_embedded(runtime), name="flowline-worker")
        else:
            worker = asyncio.create_task(follow_cancels(runtime), name="flowline-cancels")
        scheduler = None
        if runtime.worker_enabled:
            scheduler = asyncio.create_task(run_scheduler(runtime), name="flowline-scheduler")
        log.info("started", version=__version__, database=runtime.db.engine.dialect.name)
        try:
            yield
        finally:
            for task in (maintenance, worker):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
            await runtime.live.close()
            await runtime.outbound.close()
            await close_clients()
            if scheduler is not None:
                scheduler.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await scheduler
            await runtime.last_used.drain()
            await runtime.bus.close()
            await runtime.db.dispose()

    app = FastAPI(
        title="Flowline",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    install_error_handlers(app, {"/v1/": openai_error_body})
    install_console(app)
    uploads = (runtime.settings.upload_max_mb + 1) * 1024 * 1024  # the file and its form
    larger = dict.fromkeys(UPLOAD_PATHS, uploads)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES, larger=larger)
    app.add_middleware(
        RequestMiddleware, access_log=runtime.settings.access_log, crash_response=internal_error
    )
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(events_ws_router)
    index_routers(app)
    install_openapi(app, ROUTERS, authenticated_by=AUTHENTICATORS)
    return app
