from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ready_report_database import ReadyReportDatabase
    from ..models.ready_report_migrations_type_0 import ReadyReportMigrationsType0


T = TypeVar("T", bound="ReadyReport")


@_attrs_define
class ReadyReport:
    """
    Attributes:
        database (ReadyReportDatabase):
        ready (bool):
        migrations (None | ReadyReportMigrationsType0 | Unset):
    """

    database: ReadyReportDatabase
    ready: bool
    migrations: None | ReadyReportMigrationsType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ready_report_migrations_type_0 import ReadyReportMigrationsType0  # noqa: PLC0415

        database = self.database.to_dict()

        ready = self.ready

        migrations: dict[str, Any] | None | Unset
        if isinstance(self.migrations, Unset):
            migrations = UNSET
        elif isinstance(self.migrations, ReadyReportMigrationsType0):
            migrations = self.migrations.to_dict()
        else:
            migrations = self.migrations

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "database": database,
                "ready": ready,
            }
        )
        if migrations is not UNSET:
            field_dict["migrations"] = migrations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ready_report_database import ReadyReportDatabase  # noqa: PLC0415
        from ..models.ready_report_migrations_type_0 import ReadyReportMigrationsType0  # noqa: PLC0415

        d = dict(src_dict)
        database = ReadyReportDatabase.from_dict(d.pop("database"))

        ready = d.pop("ready")

        def _parse_migrations(data: object) -> None | ReadyReportMigrationsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                migrations_type_0 = ReadyReportMigrationsType0.from_dict(data)

                return migrations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReadyReportMigrationsType0 | Unset, data)

        migrations = _parse_migrations(d.pop("migrations", UNSET))

        ready_report = cls(
            database=database,
            ready=ready,
            migrations=migrations,
        )

        ready_report.additional_properties = d
        return ready_report

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
