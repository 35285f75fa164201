from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.patch_settings_patch_notifications_type_1_digest_type_1 import (
    PatchSettingsPatchNotificationsType1DigestType1,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchSettingsPatchNotificationsType1")


@_attrs_define
class PatchSettingsPatchNotificationsType1:
    """
    Attributes:
        approvals (bool | None | Unset):
        digest (None | PatchSettingsPatchNotificationsType1DigestType1 | Unset):
        email (bool | None | Unset):
    """

    approvals: bool | None | Unset = UNSET
    digest: None | PatchSettingsPatchNotificationsType1DigestType1 | Unset = UNSET
    email: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        approvals: bool | None | Unset
        if isinstance(self.approvals, Unset):
            approvals = UNSET
        else:
            approvals = self.approvals

        digest: None | str | Unset
        if isinstance(self.digest, Unset):
            digest = UNSET
        elif isinstance(self.digest, PatchSettingsPatchNotificationsType1DigestType1):
            digest = self.digest.value
        else:
            digest = self.digest

        email: bool | None | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if approvals is not UNSET:
            field_dict["approvals"] = approvals
        if digest is not UNSET:
            field_dict["digest"] = digest
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_approvals(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        approvals = _parse_approvals(d.pop("approvals", UNSET))

        def _parse_digest(data: object) -> None | PatchSettingsPatchNotificationsType1DigestType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                digest_type_1 = PatchSettingsPatchNotificationsType1DigestType1(data)

                return digest_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchNotificationsType1DigestType1 | Unset, data)

        digest = _parse_digest(d.pop("digest", UNSET))

        def _parse_email(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        patch_settings_patch_notifications_type_1 = cls(
            approvals=approvals,
            digest=digest,
            email=email,
        )

        return patch_settings_patch_notifications_type_1
