from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeetingInvite")


@_attrs_define
class MeetingInvite:
    """
    Attributes:
        attendees (list[str] | None | Unset):
        channel_id (None | str | Unset): The email channel to send from; the organisation's first if omitted.
        end (datetime.datetime | None | Unset):
        start (datetime.datetime | None | Unset): Overrides the content's start.
    """

    attendees: list[str] | None | Unset = UNSET
    channel_id: None | str | Unset = UNSET
    end: datetime.datetime | None | Unset = UNSET
    start: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        attendees: list[str] | None | Unset
        if isinstance(self.attendees, Unset):
            attendees = UNSET
        elif isinstance(self.attendees, list):
            attendees = self.attendees

        else:
            attendees = self.attendees

        channel_id: None | str | Unset
        if isinstance(self.channel_id, Unset):
            channel_id = UNSET
        else:
            channel_id = self.channel_id

        end: None | str | Unset
        if isinstance(self.end, Unset):
            end = UNSET
        elif isinstance(self.end, datetime.datetime):
            end = self.end.isoformat()
        else:
            end = self.end

        start: None | str | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        elif isinstance(self.start, datetime.datetime):
            start = self.start.isoformat()
        else:
            start = self.start

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if attendees is not UNSET:
            field_dict["attendees"] = attendees
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if end is not UNSET:
            field_dict["end"] = end
        if start is not UNSET:
            field_dict["start"] = start

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_attendees(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                attendees_type_0 = cast(list[str], data)

                return attendees_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        attendees = _parse_attendees(d.pop("attendees", UNSET))

        def _parse_channel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel_id = _parse_channel_id(d.pop("channel_id", UNSET))

        def _parse_end(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_type_0 = datetime.datetime.fromisoformat(data)

                return end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end = _parse_end(d.pop("end", UNSET))

        def _parse_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_type_0 = datetime.datetime.fromisoformat(data)

                return start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start = _parse_start(d.pop("start", UNSET))

        meeting_invite = cls(
            attendees=attendees,
            channel_id=channel_id,
            end=end,
            start=start,
        )

        return meeting_invite
