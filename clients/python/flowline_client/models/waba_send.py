from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.waba_send_parameters_item import WabaSendParametersItem


T = TypeVar("T", bound="WabaSend")


@_attrs_define
class WabaSend:
    """Seed 004's ``POST agent/:agent_id/waba`` body, exactly.

    Attributes:
        language (str): The template's language code (`en_US`, `nl`).
        recipient_phone_number (str): The recipient's number with country code (`31612345678` or E.164).
        template_name (str): An approved WhatsApp template's name.
        customer_name (None | str | Unset): Stored as the contact's name (a new customer's, or a changed one).
        parameters (list[WabaSendParametersItem] | Unset): WhatsApp template components as the Cloud API defines them
            (`header`, `body`, `button`, each with its `parameters`); sent as the template's `components`.
    """

    language: str
    recipient_phone_number: str
    template_name: str
    customer_name: None | str | Unset = UNSET
    parameters: list[WabaSendParametersItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        language = self.language

        recipient_phone_number = self.recipient_phone_number

        template_name = self.template_name

        customer_name: None | str | Unset
        if isinstance(self.customer_name, Unset):
            customer_name = UNSET
        else:
            customer_name = self.customer_name

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "language": language,
                "recipient_phone_number": recipient_phone_number,
                "template_name": template_name,
            }
        )
        if customer_name is not UNSET:
            field_dict["customer_name"] = customer_name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.waba_send_parameters_item import WabaSendParametersItem  # noqa: PLC0415

        d = dict(src_dict)
        language = d.pop("language")

        recipient_phone_number = d.pop("recipient_phone_number")

        template_name = d.pop("template_name")

        def _parse_customer_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_name = _parse_customer_name(d.pop("customer_name", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: list[WabaSendParametersItem] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = WabaSendParametersItem.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        waba_send = cls(
            language=language,
            recipient_phone_number=recipient_phone_number,
            template_name=template_name,
            customer_name=customer_name,
            parameters=parameters,
        )

        return waba_send
