from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user_read import UserRead


T = TypeVar("T", bound="MeRead")


@_attrs_define
class MeRead:
    """
    Attributes:
        api_key_id (None | str):
        scopes (list[str]):
        user (UserRead):
        via (str): `api_key` or `session`.
    """

    api_key_id: None | str
    scopes: list[str]
    user: UserRead
    via: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key_id: None | str
        api_key_id = self.api_key_id

        scopes = self.scopes

        user = self.user.to_dict()

        via = self.via

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_key_id": api_key_id,
                "scopes": scopes,
                "user": user,
                "via": via,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_read import UserRead  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_api_key_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        api_key_id = _parse_api_key_id(d.pop("api_key_id"))

        scopes = cast(list[str], d.pop("scopes"))

        user = UserRead.from_dict(d.pop("user"))

        via = d.pop("via")

        me_read = cls(
            api_key_id=api_key_id,
            scopes=scopes,
            user=user,
            via=via,
        )

        me_read.additional_properties = d
        return me_read

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
