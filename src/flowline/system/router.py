from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from flowline import __version__
from flowline.api.deps import RuntimeDep
from flowline.api.errors import ERROR_RESPONSES
from flowline.api.responses import JSONResponse
from flowline.observability.metrics import process_memory, registry
from flowline.system import service
from flowline.system.schemas import HealthReport, ReadyReport, ServiceStatus

router = APIRouter(tags=["System"], responses={404: ERROR_RESPONSES[404]})


@router.get("/", summary="Service name, version and status")
async def root() -> ServiceStatus:
    return ServiceStatus(name="flowline", version=__version__, status="ok")


@router.get(
    "/health",
    summary="Detailed health: database, migrations, worker, memory",
    description="Always 200 while the process answers; `status` says whether all is well.",
)
async def health(runtime: RuntimeDep) -> HealthReport:
    return HealthReport(**await service.health(runtime))


@router.get(
    "/ready",
    summary="Readiness probe",
    description="200 only when the database answers and its schema is at the newest migration.",
    response_model=ReadyReport,
    responses={503: {"model": ReadyReport, "description": "Not ready"}},
)
async def ready(runtime: RuntimeDep) -> JSONResponse:
    ok, report = await service.ready(runtime)
    body = ReadyReport(ready=ok, **report).model_dump(mode="json")
    return JSONResponse(body, status_code=200 if ok else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text"}},
)
async def metrics() -> Response:
    process_memory.set(service.memory()["rss_bytes"])
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
