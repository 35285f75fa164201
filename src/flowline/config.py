"""Settings from ``FLOWLINE_*`` environment variables and an optional ``.env`` file."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class ConfigError(Exception):
    """A configuration value is unusable; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FLOWLINE_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8420, ge=1, le=65535)
    data_dir: Path = Path(".flowline")
    skills_dir: Path | None = None
    """Where skill files are read from; ``skills`` in the data dir when unset."""
    database_url: str | None = None
    secret_key: str | None = Field(default=None, repr=False)
    allow_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    contact: str = "admin@localhost"
    llm_base_url: str | None = None
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_model: str | None = None
    workers: int = Field(default=8, ge=1, le=1024)
    lease_seconds: float = Field(default=30.0, ge=1, le=3600)
    """How long a worker holds a task without a heartbeat before another may take it."""
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    public_url: str | None = None
    """This instance's URL as providers reach it (``https://flowline.example.com``), for the
    ``inbound_url`` of channels; unset, ``inbound_url`` is a path."""
    access_log: bool = True
    rate_limit_per_minute: int = Field(default=1200, ge=0)
    session_ttl_hours: int = Field(default=24 * 7, ge=1)
    secure_cookies: bool = False
    idempotency_ttl_hours: int = Field(default=24, ge=1)
    stream_ping_seconds: float = Field(default=15.0, gt=0, le=3600)
    """How often an idle event stream sends a ``: ping`` comment."""
    retention_days: int | None = Field(default=None, ge=1, le=36500)
    """Prune the steps and events of runs finished longer ago than this; unset keeps all."""
    storage: Literal["local", "s3"] = "local"
    """Where uploads go: ``files`` in the data dir, or the S3 bucket (``s3_*``)."""
    upload_max_mb: int = Field(default=100, ge=1, le=10_240)
    """The largest upload (attachments, ``s3/upload``, batch files), in MiB."""
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    """An S3-compatible endpoint (MinIO, Ceph, R2, …); unset: AWS S3 in ``s3_region``."""
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = Field(default=None, repr=False)
    s3_secret_access_key: str | None = Field(default=None, repr=False)

    @field_validator("allow_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("sqlite", "postgresql", "postgres")):
            raise ValueError("must be a sqlite:// or postgresql:// URL")
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        """The async SQLAlchemy URL: the configured one, or SQLite in the data dir."""
        url = self.database_url or f"sqlite:///{(self.data_dir / 'flowline.db').resolve()}"
        return async_database_url(url)

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")


def async_database_url(url: str) -> str:
    """Map a plain database URL to the async driver SQLAlchemy should use."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + url[len("postgresql://") :]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url[len("sqlite://") :]
    return url


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning a validation failure into one line naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "FLOWLINE_" + str(first["loc"][0]).upper() if first["loc"] else "FLOWLINE_*"
        raise ConfigError(f"{name}: {first['msg']} (got {first.get('input')!r})") from None
