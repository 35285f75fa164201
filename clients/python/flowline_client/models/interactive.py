from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.button_in import ButtonIn


T = TypeVar("T", bound="Interactive")


@_attrs_define
class Interactive:
    """
    Attributes:
        buttons (list[ButtonIn]):
        text (str):
    """

    buttons: list[ButtonIn]
    text: str

    def to_dict(self) -> dict[str, Any]:
        buttons = []
        for buttons_item_data in self.buttons:
            buttons_item = buttons_item_data.to_dict()
            buttons.append(buttons_item)

        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "buttons": buttons,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.button_in import ButtonIn  # noqa: PLC0415

        d = dict(src_dict)
        buttons = []
        _buttons = d.pop("buttons")
        for buttons_item_data in _buttons:
            buttons_item = ButtonIn.from_dict(buttons_item_data)

            buttons.append(buttons_item)

        text = d.pop("text")

        interactive = cls(
            buttons=buttons,
            text=text,
        )

        return interactive
