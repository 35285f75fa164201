from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.key_check_kind import KeyCheckKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyCheck")


@_attrs_define
class KeyCheck:
    """
    Attributes:
        api_key (str): Checked against the provider, not stored. Printable ASCII without spaces (a header carries it).
        kind (KeyCheckKind):
        base_url (None | str | Unset):
    """

    api_key: str
    kind: KeyCheckKind
    base_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        kind = self.kind.value

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "api_key": api_key,
                "kind": kind,
            }
        )
        if base_url is not UNSET:
            field_dict["base_url"] = base_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_key = d.pop("api_key")

        kind = KeyCheckKind(d.pop("kind"))

        def _parse_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base_url = _parse_base_url(d.pop("base_url", UNSET))

        key_check = cls(
            api_key=api_key,
            kind=kind,
            base_url=base_url,
        )

        return key_check
