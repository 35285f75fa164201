from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.health_report_database import HealthReportDatabase
    from ..models.health_report_memory import HealthReportMemory
    from ..models.health_report_migrations import HealthReportMigrations
    from ..models.health_report_worker import HealthReportWorker


T = TypeVar("T", bound="HealthReport")


@_attrs_define
class HealthReport:
    """
    Attributes:
        database (HealthReportDatabase):
        memory (HealthReportMemory):
        migrations (HealthReportMigrations):
        status (str): `ok`, or `degraded` when the database or schema is not.
        uptime_seconds (float):
        version (str):
        worker (HealthReportWorker):
    """

    database: HealthReportDatabase
    memory: HealthReportMemory
    migrations: HealthReportMigrations
    status: str
    uptime_seconds: float
    version: str
    worker: HealthReportWorker
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        database = self.database.to_dict()

        memory = self.memory.to_dict()

        migrations = self.migrations.to_dict()

        status = self.status

        uptime_seconds = self.uptime_seconds

        version = self.version

        worker = self.worker.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "database": database,
                "memory": memory,
                "migrations": migrations,
                "status": status,
                "uptime_seconds": uptime_seconds,
                "version": version,
                "worker": worker,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_report_database import HealthReportDatabase  # noqa: PLC0415
        from ..models.health_report_memory import HealthReportMemory  # noqa: PLC0415
        from ..models.health_report_migrations import HealthReportMigrations  # noqa: PLC0415
        from ..models.health_report_worker import HealthReportWorker  # noqa: PLC0415

        d = dict(src_dict)
        database = HealthReportDatabase.from_dict(d.pop("database"))

        memory = HealthReportMemory.from_dict(d.pop("memory"))

        migrations = HealthReportMigrations.from_dict(d.pop("migrations"))

        status = d.pop("status")

        uptime_seconds = d.pop("uptime_seconds")

        version = d.pop("version")

        worker = HealthReportWorker.from_dict(d.pop("worker"))

        health_report = cls(
            database=database,
            memory=memory,
            migrations=migrations,
            status=status,
            uptime_seconds=uptime_seconds,
            version=version,
            worker=worker,
        )

        health_report.additional_properties = d
        return health_report

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
