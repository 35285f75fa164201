from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_answer_data import WebhookAnswerData


T = TypeVar("T", bound="WebhookAnswer")


@_attrs_define
class WebhookAnswer:
    """
    Attributes:
        call_id (None | str):
        received (str): The message type handled (or ignored).
        data (WebhookAnswerData | Unset):
    """

    call_id: None | str
    received: str
    data: WebhookAnswerData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        call_id: None | str
        call_id = self.call_id

        received = self.received

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "call_id": call_id,
                "received": received,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_answer_data import WebhookAnswerData  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        call_id = _parse_call_id(d.pop("call_id"))

        received = d.pop("received")

        _data = d.pop("data", UNSET)
        data: WebhookAnswerData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = WebhookAnswerData.from_dict(_data)

        webhook_answer = cls(
            call_id=call_id,
            received=received,
            data=data,
        )

        webhook_answer.additional_properties = d
        return webhook_answer

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
