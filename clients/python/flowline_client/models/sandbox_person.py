from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SandboxPerson")


@_attrs_define
class SandboxPerson:
    """What ``POST channels/{id}/sandbox/messages`` takes: a person's message.

    Attributes:
        from_ (str): Who writes.
        text (str):
        button_id (None | str | Unset): Set to play a press of an answer button.
        id (None | str | Unset): The provider message id to use (repeat one to see the dedupe at work).
        name (None | str | Unset): The person's name.
    """

    from_: str
    text: str
    button_id: None | str | Unset = UNSET
    id: None | str | Unset = UNSET
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        text = self.text

        button_id: None | str | Unset
        if isinstance(self.button_id, Unset):
            button_id = UNSET
        else:
            button_id = self.button_id

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "text": text,
            }
        )
        if button_id is not UNSET:
            field_dict["button_id"] = button_id
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = d.pop("from")

        text = d.pop("text")

        def _parse_button_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        button_id = _parse_button_id(d.pop("button_id", UNSET))

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        sandbox_person = cls(
            from_=from_,
            text=text,
            button_id=button_id,
            id=id,
            name=name,
        )

        return sandbox_person
