from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SigningKeyRead")


@_attrs_define
class SigningKeyRead:
    """A signing key's metadata; its value is never part of it.

    Attributes:
        created_at (datetime.datetime):
        id (str):
        last4 (str): The value's last four characters, to recognise it.
        retires_at (datetime.datetime | None): Until when a rotated-out key still signs; `null` for the current key.
        revealed (bool): Whether its value was shown (it is shown once).
    """

    created_at: datetime.datetime
    id: str
    last4: str
    retires_at: datetime.datetime | None
    revealed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        last4 = self.last4

        retires_at: None | str
        if isinstance(self.retires_at, datetime.datetime):
            retires_at = self.retires_at.isoformat()
        else:
            retires_at = self.retires_at

        revealed = self.revealed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "last4": last4,
                "retires_at": retires_at,
                "revealed": revealed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        last4 = d.pop("last4")

        def _parse_retires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                retires_at_type_0 = datetime.datetime.fromisoformat(data)

                return retires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        retires_at = _parse_retires_at(d.pop("retires_at"))

        revealed = d.pop("revealed")

        signing_key_read = cls(
            created_at=created_at,
            id=id,
            last4=last4,
            retires_at=retires_at,
            revealed=revealed,
        )

        signing_key_read.additional_properties = d
        return signing_key_read

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
