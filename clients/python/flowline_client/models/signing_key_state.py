from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.signing_key_read import SigningKeyRead


T = TypeVar("T", bound="SigningKeyState")


@_attrs_define
class SigningKeyState:
    """
    Attributes:
        current (None | SigningKeyRead): The key deliveries are signed with; `null` until the first is made.
        overlapping (list[SigningKeyRead]): A rotated-out key that still signs beside the current one, if any.
    """

    current: None | SigningKeyRead
    overlapping: list[SigningKeyRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.signing_key_read import SigningKeyRead  # noqa: PLC0415

        current: dict[str, Any] | None
        if isinstance(self.current, SigningKeyRead):
            current = self.current.to_dict()
        else:
            current = self.current

        overlapping = []
        for overlapping_item_data in self.overlapping:
            overlapping_item = overlapping_item_data.to_dict()
            overlapping.append(overlapping_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current": current,
                "overlapping": overlapping,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signing_key_read import SigningKeyRead  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_current(data: object) -> None | SigningKeyRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_type_0 = SigningKeyRead.from_dict(data)

                return current_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SigningKeyRead, data)

        current = _parse_current(d.pop("current"))

        overlapping = []
        _overlapping = d.pop("overlapping")
        for overlapping_item_data in _overlapping:
            overlapping_item = SigningKeyRead.from_dict(overlapping_item_data)

            overlapping.append(overlapping_item)

        signing_key_state = cls(
            current=current,
            overlapping=overlapping,
        )

        signing_key_state.additional_properties = d
        return signing_key_state

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
