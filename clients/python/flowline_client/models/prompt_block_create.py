from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.prompt_block_create_kind import PromptBlockCreateKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.http_source import HttpSource
    from ..models.kv_source import KvSource
    from ..models.time_source import TimeSource


T = TypeVar("T", bound="PromptBlockCreate")


@_attrs_define
class PromptBlockCreate:
    """A static block (``body`` as written) or a dynamic one (``source`` gives ``data``,
    ``body`` is the template rendered over it, cached ``ttl_seconds``).

        Attributes:
            name (str): `refund_policy`.
            body (None | str | Unset): Static: the text. Dynamic: a template over `data` and `now` (default `{{ data }}`).
            description (str | Unset):  Default: ''.
            kind (PromptBlockCreateKind | Unset):  Default: PromptBlockCreateKind.STATIC.
            source (HttpSource | KvSource | None | TimeSource | Unset): Dynamic blocks only.
            ttl_seconds (int | Unset): How long a render is cached; 0: never. Default: 300.
    """

    name: str
    body: None | str | Unset = UNSET
    description: str | Unset = ""
    kind: PromptBlockCreateKind | Unset = PromptBlockCreateKind.STATIC
    source: HttpSource | KvSource | None | TimeSource | Unset = UNSET
    ttl_seconds: int | Unset = 300

    def to_dict(self) -> dict[str, Any]:
        from ..models.http_source import HttpSource  # noqa: PLC0415
        from ..models.kv_source import KvSource  # noqa: PLC0415
        from ..models.time_source import TimeSource  # noqa: PLC0415

        name = self.name

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        description = self.description

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

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

        ttl_seconds = self.ttl_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if description is not UNSET:
            field_dict["description"] = description
        if kind is not UNSET:
            field_dict["kind"] = kind
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
        name = d.pop("name")

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        description = d.pop("description", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: PromptBlockCreateKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = PromptBlockCreateKind(_kind)

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

        ttl_seconds = d.pop("ttl_seconds", UNSET)

        prompt_block_create = cls(
            name=name,
            body=body,
            description=description,
            kind=kind,
            source=source,
            ttl_seconds=ttl_seconds,
        )

        return prompt_block_create
