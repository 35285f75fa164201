from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.preview_read_kind import PreviewReadKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PreviewRead")


@_attrs_define
class PreviewRead:
    """A block rendered and wrapped as the model sees it.

    Attributes:
        cached (bool): Taken from the cache, not rendered now.
        content (None | str): The rendered text; `null` when it failed.
        kind (PreviewReadKind):
        name (str):
        tokens (int): Tokens of `wrapped` (tiktoken `cl100k_base`).
        wrapped (None | str): `<name>…</name>`, as put in the prompt.
        cached_at (datetime.datetime | None | Unset):
        error (None | str | Unset):
        expires_at (datetime.datetime | None | Unset):
    """

    cached: bool
    content: None | str
    kind: PreviewReadKind
    name: str
    tokens: int
    wrapped: None | str
    cached_at: datetime.datetime | None | Unset = UNSET
    error: None | str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cached = self.cached

        content: None | str
        content = self.content

        kind = self.kind.value

        name = self.name

        tokens = self.tokens

        wrapped: None | str
        wrapped = self.wrapped

        cached_at: None | str | Unset
        if isinstance(self.cached_at, Unset):
            cached_at = UNSET
        elif isinstance(self.cached_at, datetime.datetime):
            cached_at = self.cached_at.isoformat()
        else:
            cached_at = self.cached_at

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cached": cached,
                "content": content,
                "kind": kind,
                "name": name,
                "tokens": tokens,
                "wrapped": wrapped,
            }
        )
        if cached_at is not UNSET:
            field_dict["cached_at"] = cached_at
        if error is not UNSET:
            field_dict["error"] = error
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cached = d.pop("cached")

        def _parse_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content = _parse_content(d.pop("content"))

        kind = PreviewReadKind(d.pop("kind"))

        name = d.pop("name")

        tokens = d.pop("tokens")

        def _parse_wrapped(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        wrapped = _parse_wrapped(d.pop("wrapped"))

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

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

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

        preview_read = cls(
            cached=cached,
            content=content,
            kind=kind,
            name=name,
            tokens=tokens,
            wrapped=wrapped,
            cached_at=cached_at,
            error=error,
            expires_at=expires_at,
        )

        preview_read.additional_properties = d
        return preview_read

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
