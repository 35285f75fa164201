from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.email_query_direction_type_0 import EmailQueryDirectionType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmailQuery")


@_attrs_define
class EmailQuery:
    """
    Attributes:
        address (None | str | Unset): The other party.
        channel_id (None | str | Unset):
        direction (EmailQueryDirectionType0 | None | Unset): `in`: received; `out`: sent.
        page (int | Unset):  Default: 0.
        q (None | str | Unset): Words the subject or text must contain.
        size (int | Unset):  Default: 25.
    """

    address: None | str | Unset = UNSET
    channel_id: None | str | Unset = UNSET
    direction: EmailQueryDirectionType0 | None | Unset = UNSET
    page: int | Unset = 0
    q: None | str | Unset = UNSET
    size: int | Unset = 25

    def to_dict(self) -> dict[str, Any]:
        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        channel_id: None | str | Unset
        if isinstance(self.channel_id, Unset):
            channel_id = UNSET
        else:
            channel_id = self.channel_id

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, EmailQueryDirectionType0):
            direction = self.direction.value
        else:
            direction = self.direction

        page = self.page

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        size = self.size

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if address is not UNSET:
            field_dict["address"] = address
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if direction is not UNSET:
            field_dict["direction"] = direction
        if page is not UNSET:
            field_dict["page"] = page
        if q is not UNSET:
            field_dict["q"] = q
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_channel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel_id = _parse_channel_id(d.pop("channel_id", UNSET))

        def _parse_direction(data: object) -> EmailQueryDirectionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_0 = EmailQueryDirectionType0(data)

                return direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmailQueryDirectionType0 | None | Unset, data)

        direction = _parse_direction(d.pop("direction", UNSET))

        page = d.pop("page", UNSET)

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        size = d.pop("size", UNSET)

        email_query = cls(
            address=address,
            channel_id=channel_id,
            direction=direction,
            page=page,
            q=q,
            size=size,
        )

        return email_query
