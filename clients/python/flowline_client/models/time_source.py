from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeSource")


@_attrs_define
class TimeSource:
    """The current time: ``data`` is ``{utc, local, date, weekday, timezone}``.

    Attributes:
        type_ (Literal['time']):
        timezone (str | Unset): An IANA time zone. Default: 'UTC'.
    """

    type_: Literal["time"]
    timezone: str | Unset = "UTC"

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        timezone = self.timezone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["time"], d.pop("type"))
        if type_ != "time":
            raise ValueError(f"type must match const 'time', got '{type_}'")

        timezone = d.pop("timezone", UNSET)

        time_source = cls(
            type_=type_,
            timezone=timezone,
        )

        return time_source
