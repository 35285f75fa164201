from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ServiceStatus(BaseModel):
    name: str
    version: str
    status: str


class HealthReport(BaseModel):
    model_config = ConfigDict(extra="allow")

    status: str = Field(description="`ok`, or `degraded` when the database or schema is not.")
    version: str
    uptime_seconds: float
    database: dict[str, Any]
    migrations: dict[str, Any]
    worker: dict[str, Any]
    memory: dict[str, int]


class ReadyReport(BaseModel):
    ready: bool
    database: dict[str, Any]
    migrations: dict[str, Any] | None = None
