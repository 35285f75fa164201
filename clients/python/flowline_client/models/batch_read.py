from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.batch_read_status import BatchReadStatus

if TYPE_CHECKING:
    from ..models.batch_read_error_type_0 import BatchReadErrorType0
    from ..models.batch_read_operation import BatchReadOperation


T = TypeVar("T", bound="BatchRead")


@_attrs_define
class BatchRead:
    """
    Attributes:
        concurrency (int):
        created_at (datetime.datetime):
        error (BatchReadErrorType0 | None):
        failed (int):
        file_id (None | str):
        finished_at (datetime.datetime | None):
        id (str):
        max_attempts (int):
        operation (BatchReadOperation):
        pending (int):
        progress (float): Rows done over rows, 0 to 1.
        started_at (datetime.datetime | None):
        status (BatchReadStatus):
        succeeded (int):
        total_rows (int):
    """

    concurrency: int
    created_at: datetime.datetime
    error: BatchReadErrorType0 | None
    failed: int
    file_id: None | str
    finished_at: datetime.datetime | None
    id: str
    max_attempts: int
    operation: BatchReadOperation
    pending: int
    progress: float
    started_at: datetime.datetime | None
    status: BatchReadStatus
    succeeded: int
    total_rows: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_read_error_type_0 import BatchReadErrorType0  # noqa: PLC0415

        concurrency = self.concurrency

        created_at = self.created_at.isoformat()

        error: dict[str, Any] | None
        if isinstance(self.error, BatchReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        failed = self.failed

        file_id: None | str
        file_id = self.file_id

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        max_attempts = self.max_attempts

        operation = self.operation.to_dict()

        pending = self.pending

        progress = self.progress

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value

        succeeded = self.succeeded

        total_rows = self.total_rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "concurrency": concurrency,
                "created_at": created_at,
                "error": error,
                "failed": failed,
                "file_id": file_id,
                "finished_at": finished_at,
                "id": id,
                "max_attempts": max_attempts,
                "operation": operation,
                "pending": pending,
                "progress": progress,
                "started_at": started_at,
                "status": status,
                "succeeded": succeeded,
                "total_rows": total_rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_read_error_type_0 import BatchReadErrorType0  # noqa: PLC0415
        from ..models.batch_read_operation import BatchReadOperation  # noqa: PLC0415

        d = dict(src_dict)
        concurrency = d.pop("concurrency")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> BatchReadErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = BatchReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BatchReadErrorType0 | None, data)

        error = _parse_error(d.pop("error"))

        failed = d.pop("failed")

        def _parse_file_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_id = _parse_file_id(d.pop("file_id"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        max_attempts = d.pop("max_attempts")

        operation = BatchReadOperation.from_dict(d.pop("operation"))

        pending = d.pop("pending")

        progress = d.pop("progress")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        status = BatchReadStatus(d.pop("status"))

        succeeded = d.pop("succeeded")

        total_rows = d.pop("total_rows")

        batch_read = cls(
            concurrency=concurrency,
            created_at=created_at,
            error=error,
            failed=failed,
            file_id=file_id,
            finished_at=finished_at,
            id=id,
            max_attempts=max_attempts,
            operation=operation,
            pending=pending,
            progress=progress,
            started_at=started_at,
            status=status,
            succeeded=succeeded,
            total_rows=total_rows,
        )

        batch_read.additional_properties = d
        return batch_read

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
