from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.http_source import HttpSource
    from ..models.kv_source import KvSource
    from ..models.time_source import TimeSource


T = TypeVar("T", bound="PromptBlockUpdate")


@_attrs_define
class PromptBlockUpdate:
    """Only the fields sent change. On a built-in block they are the organisation's
    overrides (``description``, ``body``, ``ttl_seconds``).

        Attributes:
            body (None | str | Unset):
            description (None | str | Unset):
            expected_version (int | None | Unset):
            source (HttpSource | KvSource | None | TimeSource | Unset):
            ttl_seconds (int | None | Unset):
    """

    body: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    source: HttpSource | KvSource | None | TimeSource | Unset = UNSET
    ttl_seconds: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.http_source import HttpSource  # noqa: PLC0415
        from ..models.kv_source import KvSource  # noqa: PLC0415
        from ..models.time_source import TimeSource  # noqa: PLC0415

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, HttpSource):
            source = self.source.to_dict()
        elif isinstance(self.source, KvSource):
            source = self.source.to_dict()
        elif isinstance(self.source, TimeSource):
            source = self.source.to_dict()
        else:
            source = self.source

        ttl_seconds: int | None | Unset
        if isinstance(self.ttl_seconds, Unset):
            ttl_seconds = UNSET
        else:
            ttl_seconds = self.ttl_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if description is not UNSET:
            field_dict["description"] = description
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if source is not UNSET:
            field_dict["source"] = source
        if ttl_seconds is not UNSET:
            field_dict["ttl_seconds"] = ttl_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.http_source import HttpSource  # noqa: PLC0415
        from ..models.kv_source import KvSource  # noqa: PLC0415
        from ..models.time_source import TimeSource  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_source(data: object) -> HttpSource | KvSource | None | TimeSource | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0_type_0 = HttpSource.from_dict(data)

                return source_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0_type_1 = KvSource.from_dict(data)

                return source_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0_type_2 = TimeSource.from_dict(data)

                return source_type_0_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HttpSource | KvSource | None | TimeSource | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_ttl_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ttl_seconds = _parse_ttl_seconds(d.pop("ttl_seconds", UNSET))

        prompt_block_update = cls(
            body=body,
            description=description,
            expected_version=expected_version,
            source=source,
            ttl_seconds=ttl_seconds,
        )

        return prompt_block_update
