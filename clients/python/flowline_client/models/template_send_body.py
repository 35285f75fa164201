from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TemplateSendBody")


@_attrs_define
class TemplateSendBody:
    """
    Attributes:
        template (str): The template's name.
        to (str):
        language (str | Unset): e.g. `en_US`. Default: 'en_US'.
        parameters (list[Any] | Unset): WhatsApp template components as Meta defines them (`[{"type": "body",
            "parameters": [{"type": "text", "text": "Ada"}]}]`).
    """

    template: str
    to: str
    language: str | Unset = "en_US"
    parameters: list[Any] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        template = self.template

        to = self.to

        language = self.language

        parameters: list[Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template": template,
                "to": to,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        template = d.pop("template")

        to = d.pop("to")

        language = d.pop("language", UNSET)

        parameters = cast(list[Any], d.pop("parameters", UNSET))

        template_send_body = cls(
            template=template,
            to=to,
            language=language,
            parameters=parameters,
        )

        return template_send_body
