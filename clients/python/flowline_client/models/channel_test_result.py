from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_test_error import ChannelTestError
    from ..models.channel_test_result_detail import ChannelTestResultDetail


T = TypeVar("T", bound="ChannelTestResult")


@_attrs_define
class ChannelTestResult:
    """The one answer of ``POST channels/{id}/test`` whatever the kind.

    Attributes:
        detail (ChannelTestResultDetail): What the provider read when `ok` (the kind's own fields, e.g.
            `display_phone_number`, `team`, `username`); `{}` when not.
        ok (bool): Whether the provider accepted the credentials.
        error (ChannelTestError | None | Unset): Set exactly when `ok` is false.
    """

    detail: ChannelTestResultDetail
    ok: bool
    error: ChannelTestError | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.channel_test_error import ChannelTestError  # noqa: PLC0415

        detail = self.detail.to_dict()

        ok = self.ok

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ChannelTestError):
            error = self.error.to_dict()
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "ok": ok,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_test_error import ChannelTestError  # noqa: PLC0415
        from ..models.channel_test_result_detail import ChannelTestResultDetail  # noqa: PLC0415

        d = dict(src_dict)
        detail = ChannelTestResultDetail.from_dict(d.pop("detail"))

        ok = d.pop("ok")

        def _parse_error(data: object) -> ChannelTestError | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ChannelTestError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ChannelTestError | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        channel_test_result = cls(
            detail=detail,
            ok=ok,
            error=error,
        )

        channel_test_result.additional_properties = d
        return channel_test_result

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
