from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus

if TYPE_CHECKING:
    from ..models.hook_finished_error_type_0 import HookFinishedErrorType0


T = TypeVar("T", bound="HookFinished")


@_attrs_define
class HookFinished:
    """
    Attributes:
        error (HookFinishedErrorType0 | None): Why the run failed, if it did.
        output (Any): The run's output; null unless it succeeded.
        run_id (str):
        status (RunStatus):
    """

    error: HookFinishedErrorType0 | None
    output: Any
    run_id: str
    status: RunStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hook_finished_error_type_0 import HookFinishedErrorType0  # noqa: PLC0415

        error: dict[str, Any] | None
        if isinstance(self.error, HookFinishedErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        output = self.output

        run_id = self.run_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "output": output,
                "run_id": run_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hook_finished_error_type_0 import HookFinishedErrorType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_error(data: object) -> HookFinishedErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = HookFinishedErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HookFinishedErrorType0 | None, data)

        error = _parse_error(d.pop("error"))

        output = d.pop("output")

        run_id = d.pop("run_id")

        status = RunStatus(d.pop("status"))

        hook_finished = cls(
            error=error,
            output=output,
            run_id=run_id,
            status=status,
        )

        hook_finished.additional_properties = d
        return hook_finished

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
