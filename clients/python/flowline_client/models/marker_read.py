from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.marker_read_type import MarkerReadType
from ..types import UNSET, Unset

T = TypeVar("T", bound="MarkerRead")


@_attrs_define
class MarkerRead:
    """
    Attributes:
        at (datetime.datetime):
        label (str):
        ref_id (str): The turn, summary message, approval or question.
        seq (int): The message it sits at (or after).
        type_ (MarkerReadType):
        run_id (None | str | Unset):
    """

    at: datetime.datetime
    label: str
    ref_id: str
    seq: int
    type_: MarkerReadType
    run_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        label = self.label

        ref_id = self.ref_id

        seq = self.seq

        type_ = self.type_.value

        run_id: None | str | Unset
        if isinstance(self.run_id, Unset):
            run_id = UNSET
        else:
            run_id = self.run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "label": label,
                "ref_id": ref_id,
                "seq": seq,
                "type": type_,
            }
        )
        if run_id is not UNSET:
            field_dict["run_id"] = run_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        label = d.pop("label")

        ref_id = d.pop("ref_id")

        seq = d.pop("seq")

        type_ = MarkerReadType(d.pop("type"))

        def _parse_run_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        run_id = _parse_run_id(d.pop("run_id", UNSET))

        marker_read = cls(
            at=at,
            label=label,
            ref_id=ref_id,
            seq=seq,
            type_=type_,
            run_id=run_id,
        )

        marker_read.additional_properties = d
        return marker_read

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
