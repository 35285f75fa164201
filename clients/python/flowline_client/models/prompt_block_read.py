from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.prompt_block_read_kind import PromptBlockReadKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.prompt_block_read_source_type_0 import PromptBlockReadSourceType0


T = TypeVar("T", bound="PromptBlockRead")


@_attrs_define
class PromptBlockRead:
    """
    Attributes:
        body (str): The text (static) or the template (dynamic).
        builtin (bool): Registered by Flowline; its overrides are stored.
        description (str):
        id (None | str): `null` for a built-in block without overrides.
        kind (PromptBlockReadKind):
        name (str):
        source (None | PromptBlockReadSourceType0):
        ttl_seconds (int):
        cached_at (datetime.datetime | None | Unset):
        created_at (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset):
        last_error (None | str | Unset):
        updated_at (datetime.datetime | None | Unset):
        version (int | None | Unset):
    """

    body: str
    builtin: bool
    description: str
    id: None | str
    kind: PromptBlockReadKind
    name: str
    source: None | PromptBlockReadSourceType0
    ttl_seconds: int
    cached_at: datetime.datetime | None | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    version: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.prompt_block_read_source_type_0 import PromptBlockReadSourceType0  # noqa: PLC0415

        body = self.body

        builtin = self.builtin

        description = self.description

        id: None | str
        id = self.id

        kind = self.kind.value

        name = self.name

        source: dict[str, Any] | None
        if isinstance(self.source, PromptBlockReadSourceType0):
            source = self.source.to_dict()
        else:
            source = self.source

        ttl_seconds = self.ttl_seconds

        cached_at: None | str | Unset
        if isinstance(self.cached_at, Unset):
            cached_at = UNSET
        elif isinstance(self.cached_at, datetime.datetime):
            cached_at = self.cached_at.isoformat()
        else:
            cached_at = self.cached_at

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "builtin": builtin,
                "description": description,
                "id": id,
                "kind": kind,
                "name": name,
                "source": source,
                "ttl_seconds": ttl_seconds,
            }
        )
        if cached_at is not UNSET:
            field_dict["cached_at"] = cached_at
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.prompt_block_read_source_type_0 import PromptBlockReadSourceType0  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        builtin = d.pop("builtin")

        description = d.pop("description")

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        kind = PromptBlockReadKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_source(data: object) -> None | PromptBlockReadSourceType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = PromptBlockReadSourceType0.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PromptBlockReadSourceType0, data)

        source = _parse_source(d.pop("source"))

        ttl_seconds = d.pop("ttl_seconds")

        def _parse_cached_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cached_at_type_0 = datetime.datetime.fromisoformat(data)

                return cached_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cached_at = _parse_cached_at(d.pop("cached_at", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        prompt_block_read = cls(
            body=body,
            builtin=builtin,
            description=description,
            id=id,
            kind=kind,
            name=name,
            source=source,
            ttl_seconds=ttl_seconds,
            cached_at=cached_at,
            created_at=created_at,
            expires_at=expires_at,
            last_error=last_error,
            updated_at=updated_at,
            version=version,
        )

        prompt_block_read.additional_properties = d
        return prompt_block_read

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
