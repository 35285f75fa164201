from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.input_message_role import InputMessageRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.input_text import InputText


T = TypeVar("T", bound="InputMessage")


@_attrs_define
class InputMessage:
    """A message item: ``content`` a string or a list of ``input_text`` parts (an
    assistant's earlier answer may be ``output_text``).

        Attributes:
            content (list[InputText] | str):
            role (InputMessageRole):
            type_ (Literal['message'] | Unset):  Default: 'message'.
    """

    content: list[InputText] | str
    role: InputMessageRole
    type_: Literal["message"] | Unset = "message"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item = content_type_1_item_data.to_dict()
                content.append(content_type_1_item)

        else:
            content = self.content

        role = self.role.value

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "role": role,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.input_text import InputText  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_content(data: object) -> list[InputText] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_type_1 = []
                _content_type_1 = data
                for content_type_1_item_data in _content_type_1:
                    content_type_1_item = InputText.from_dict(content_type_1_item_data)

                    content_type_1.append(content_type_1_item)

                return content_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[InputText] | str, data)

        content = _parse_content(d.pop("content"))

        role = InputMessageRole(d.pop("role"))

        type_ = cast(Literal["message"] | Unset, d.pop("type", UNSET))
        if type_ != "message" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'message', got '{type_}'")

        input_message = cls(
            content=content,
            role=role,
            type_=type_,
        )

        input_message.additional_properties = d
        return input_message

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
