from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.context_block_read_kind import ContextBlockReadKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContextBlockRead")


@_attrs_define
class ContextBlockRead:
    """
    Attributes:
        content (None | str): As the model sees it; `null`: a dynamic block not rendered (yet).
        kind (ContextBlockReadKind):
        name (str): `instructions`, a prompt block's name, `memory`, `skills`, …
        tokens (int | None): Tokens of `content` (tiktoken `cl100k_base`).
        cached (bool | None | Unset): Dynamic blocks: from the cache.
        cached_at (datetime.datetime | None | Unset):
        dynamic (bool | Unset):  Default: False.
        error (None | str | Unset): Why a block could not be rendered.
        expires_at (datetime.datetime | None | Unset):
    """

    content: None | str
    kind: ContextBlockReadKind
    name: str
    tokens: int | None
    cached: bool | None | Unset = UNSET
    cached_at: datetime.datetime | None | Unset = UNSET
    dynamic: bool | Unset = False
    error: None | str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content: None | str
        content = self.content

        kind = self.kind.value

        name = self.name

        tokens: int | None
        tokens = self.tokens

        cached: bool | None | Unset
        if isinstance(self.cached, Unset):
            cached = UNSET
        else:
            cached = self.cached

        cached_at: None | str | Unset
        if isinstance(self.cached_at, Unset):
            cached_at = UNSET
        elif isinstance(self.cached_at, datetime.datetime):
            cached_at = self.cached_at.isoformat()
        else:
            cached_at = self.cached_at

        dynamic = self.dynamic

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
                "content": content,
                "kind": kind,
                "name": name,
                "tokens": tokens,
            }
        )
        if cached is not UNSET:
            field_dict["cached"] = cached
        if cached_at is not UNSET:
            field_dict["cached_at"] = cached_at
        if dynamic is not UNSET:
            field_dict["dynamic"] = dynamic
        if error is not UNSET:
            field_dict["error"] = error
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content = _parse_content(d.pop("content"))

        kind = ContextBlockReadKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_tokens(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tokens = _parse_tokens(d.pop("tokens"))

        def _parse_cached(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        cached = _parse_cached(d.pop("cached", UNSET))

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

        dynamic = d.pop("dynamic", UNSET)

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

        context_block_read = cls(
            content=content,
            kind=kind,
            name=name,
            tokens=tokens,
            cached=cached,
            cached_at=cached_at,
            dynamic=dynamic,
            error=error,
            expires_at=expires_at,
        )

        context_block_read.additional_properties = d
        return context_block_read

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
