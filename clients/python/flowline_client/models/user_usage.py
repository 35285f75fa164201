from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UserUsage")


@_attrs_define
class UserUsage:
    """
    Attributes:
        calls (int): Model calls.
        cost_usd (float):
        email (None | str):
        input_tokens (int):
        name (None | str):
        output_tokens (int):
        user_id (None | str): `null`: calls of users since deleted.
    """

    calls: int
    cost_usd: float
    email: None | str
    input_tokens: int
    name: None | str
    output_tokens: int
    user_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calls = self.calls

        cost_usd = self.cost_usd

        email: None | str
        email = self.email

        input_tokens = self.input_tokens

        name: None | str
        name = self.name

        output_tokens = self.output_tokens

        user_id: None | str
        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calls": calls,
                "cost_usd": cost_usd,
                "email": email,
                "input_tokens": input_tokens,
                "name": name,
                "output_tokens": output_tokens,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        calls = d.pop("calls")

        cost_usd = d.pop("cost_usd")

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        input_tokens = d.pop("input_tokens")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        output_tokens = d.pop("output_tokens")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        user_usage = cls(
            calls=calls,
            cost_usd=cost_usd,
            email=email,
            input_tokens=input_tokens,
            name=name,
            output_tokens=output_tokens,
            user_id=user_id,
        )

        user_usage.additional_properties = d
        return user_usage

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
