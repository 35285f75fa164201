from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.llm_provider_read_kind import LlmProviderReadKind

T = TypeVar("T", bound="LlmProviderRead")


@_attrs_define
class LlmProviderRead:
    """
    Attributes:
        base_url (None | str):
        created_at (datetime.datetime):
        default_model (None | str):
        has_key (bool): Whether a key is stored (it is never shown).
        id (str):
        kind (LlmProviderReadKind):
        last4 (str): The key's last four characters; empty for short keys.
        models (list[str]):
        name (str):
        updated_at (datetime.datetime):
        version (int):
    """

    base_url: None | str
    created_at: datetime.datetime
    default_model: None | str
    has_key: bool
    id: str
    kind: LlmProviderReadKind
    last4: str
    models: list[str]
    name: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base_url: None | str
        base_url = self.base_url

        created_at = self.created_at.isoformat()

        default_model: None | str
        default_model = self.default_model

        has_key = self.has_key

        id = self.id

        kind = self.kind.value

        last4 = self.last4

        models = self.models

        name = self.name

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base_url": base_url,
                "created_at": created_at,
                "default_model": default_model,
                "has_key": has_key,
                "id": id,
                "kind": kind,
                "last4": last4,
                "models": models,
                "name": name,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_base_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        base_url = _parse_base_url(d.pop("base_url"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_default_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        default_model = _parse_default_model(d.pop("default_model"))

        has_key = d.pop("has_key")

        id = d.pop("id")

        kind = LlmProviderReadKind(d.pop("kind"))

        last4 = d.pop("last4")

        models = cast(list[str], d.pop("models"))

        name = d.pop("name")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        llm_provider_read = cls(
            base_url=base_url,
            created_at=created_at,
            default_model=default_model,
            has_key=has_key,
            id=id,
            kind=kind,
            last4=last4,
            models=models,
            name=name,
            updated_at=updated_at,
            version=version,
        )

        llm_provider_read.additional_properties = d
        return llm_provider_read

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
