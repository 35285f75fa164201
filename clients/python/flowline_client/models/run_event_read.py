from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.run_event_read_data import RunEventReadData


T = TypeVar("T", bound="RunEventRead")


@_attrs_define
class RunEventRead:
    """
    Attributes:
        created_at (datetime.datetime):
        data (RunEventReadData):
        seq (int): 1, 2, 3, … within the run; never reused.
        type_ (str): `run.started`, `step.succeeded`, `run.failed`, ….
    """

    created_at: datetime.datetime
    data: RunEventReadData
    seq: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        seq = self.seq

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "seq": seq,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_event_read_data import RunEventReadData  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = RunEventReadData.from_dict(d.pop("data"))

        seq = d.pop("seq")

        type_ = d.pop("type")

        run_event_read = cls(
            created_at=created_at,
            data=data,
            seq=seq,
            type_=type_,
        )

        run_event_read.additional_properties = d
        return run_event_read

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
