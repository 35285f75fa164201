from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user_read import UserRead


T = TypeVar("T", bound="LoginResult")


@_attrs_define
class LoginResult:
    """
    Attributes:
        csrf_token (str): Send as `X-CSRF-Token` on every state-changing request made with the cookie.
        expires_at (datetime.datetime):
        user (UserRead):
    """

    csrf_token: str
    expires_at: datetime.datetime
    user: UserRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        csrf_token = self.csrf_token

        expires_at = self.expires_at.isoformat()

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "csrf_token": csrf_token,
                "expires_at": expires_at,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_read import UserRead  # noqa: PLC0415

        d = dict(src_dict)
        csrf_token = d.pop("csrf_token")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        user = UserRead.from_dict(d.pop("user"))

        login_result = cls(
            csrf_token=csrf_token,
            expires_at=expires_at,
            user=user,
        )

        login_result.additional_properties = d
        return login_result

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
