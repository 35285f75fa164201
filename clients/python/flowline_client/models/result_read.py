from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.result_read_status import ResultReadStatus

if TYPE_CHECKING:
    from ..models.result_read_error_type_0 import ResultReadErrorType0


T = TypeVar("T", bound="ResultRead")


@_attrs_define
class ResultRead:
    """
    Attributes:
        attempts (int):
        error (None | ResultReadErrorType0):
        output (Any | None):
        row (int): The row's place in the file, from 0.
        status (ResultReadStatus):
    """

    attempts: int
    error: None | ResultReadErrorType0
    output: Any | None
    row: int
    status: ResultReadStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.result_read_error_type_0 import ResultReadErrorType0  # noqa: PLC0415

        attempts = self.attempts

        error: dict[str, Any] | None
        if isinstance(self.error, ResultReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        output: Any | None
        output = self.output

        row = self.row

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "error": error,
                "output": output,
                "row": row,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_read_error_type_0 import ResultReadErrorType0  # noqa: PLC0415

        d = dict(src_dict)
        attempts = d.pop("attempts")

        def _parse_error(data: object) -> None | ResultReadErrorType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ResultReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResultReadErrorType0, data)

        error = _parse_error(d.pop("error"))

        def _parse_output(data: object) -> Any | None:
            if data is None:
                return data
            return cast(Any | None, data)

        output = _parse_output(d.pop("output"))

        row = d.pop("row")

        status = ResultReadStatus(d.pop("status"))

        result_read = cls(
            attempts=attempts,
            error=error,
            output=output,
            row=row,
            status=status,
        )

        result_read.additional_properties = d
        return result_read

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
