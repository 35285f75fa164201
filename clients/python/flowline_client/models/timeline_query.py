from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.timeline_query_kinds_item import TimelineQueryKindsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineQuery")


@_attrs_define
class TimelineQuery:
    """
    Attributes:
        account (None | str | Unset): An account: every contact whose address is on this email domain (`example.org`) or
            whose metadata `account` equals it.
        contact_id (None | str | Unset): One contact.
        kinds (list[TimelineQueryKindsItem] | Unset):
        page (int | Unset): Pages reach the newest 10,000 items; a page past them is empty (`total` still counts every
            item). Default: 0.
        size (int | Unset):  Default: 25.
    """

    account: None | str | Unset = UNSET
    contact_id: None | str | Unset = UNSET
    kinds: list[TimelineQueryKindsItem] | Unset = UNSET
    page: int | Unset = 0
    size: int | Unset = 25

    def to_dict(self) -> dict[str, Any]:
        account: None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        kinds: list[str] | Unset = UNSET
        if not isinstance(self.kinds, Unset):
            kinds = []
            for kinds_item_data in self.kinds:
                kinds_item = kinds_item_data.value
                kinds.append(kinds_item)

        page = self.page

        size = self.size

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if account is not UNSET:
            field_dict["account"] = account
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if kinds is not UNSET:
            field_dict["kinds"] = kinds
        if page is not UNSET:
            field_dict["page"] = page
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account = _parse_account(d.pop("account", UNSET))

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        _kinds = d.pop("kinds", UNSET)
        kinds: list[TimelineQueryKindsItem] | Unset = UNSET
        if _kinds is not UNSET:
            kinds = []
            for kinds_item_data in _kinds:
                kinds_item = TimelineQueryKindsItem(kinds_item_data)

                kinds.append(kinds_item)

        page = d.pop("page", UNSET)

        size = d.pop("size", UNSET)

        timeline_query = cls(
            account=account,
            contact_id=contact_id,
            kinds=kinds,
            page=page,
            size=size,
        )

        return timeline_query
