from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchSettingsPatchEmailType1")


@_attrs_define
class PatchSettingsPatchEmailType1:
    """
    Attributes:
        send_confirmation (bool | None | Unset):
        signature (None | str | Unset):
    """

    send_confirmation: bool | None | Unset = UNSET
    signature: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        send_confirmation: bool | None | Unset
        if isinstance(self.send_confirmation, Unset):
            send_confirmation = UNSET
        else:
            send_confirmation = self.send_confirmation

        signature: None | str | Unset
        if isinstance(self.signature, Unset):
            signature = UNSET
        else:
            signature = self.signature

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if send_confirmation is not UNSET:
            field_dict["send_confirmation"] = send_confirmation
        if signature is not UNSET:
            field_dict["signature"] = signature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_send_confirmation(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        send_confirmation = _parse_send_confirmation(d.pop("send_confirmation", UNSET))

        def _parse_signature(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signature = _parse_signature(d.pop("signature", UNSET))

        patch_settings_patch_email_type_1 = cls(
            send_confirmation=send_confirmation,
            signature=signature,
        )

        return patch_settings_patch_email_type_1
