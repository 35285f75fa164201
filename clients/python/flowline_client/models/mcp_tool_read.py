from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mcp_tool_read_input_schema import McpToolReadInputSchema


T = TypeVar("T", bound="McpToolRead")


@_attrs_define
class McpToolRead:
    """A tool the server offers, as its ``tools/list`` tells it.

    Attributes:
        allowed (bool): Whether agents may call it (`allowed_tools`).
        description (str):
        input_schema (McpToolReadInputSchema):
        name (str):
        read_only (bool): The server marks it read-only (`readOnlyHint`).
        destructive (bool | None | Unset): `destructiveHint`.
        title (None | str | Unset):
    """

    allowed: bool
    description: str
    input_schema: McpToolReadInputSchema
    name: str
    read_only: bool
    destructive: bool | None | Unset = UNSET
    title: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed = self.allowed

        description = self.description

        input_schema = self.input_schema.to_dict()

        name = self.name

        read_only = self.read_only

        destructive: bool | None | Unset
        if isinstance(self.destructive, Unset):
            destructive = UNSET
        else:
            destructive = self.destructive

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed": allowed,
                "description": description,
                "input_schema": input_schema,
                "name": name,
                "read_only": read_only,
            }
        )
        if destructive is not UNSET:
            field_dict["destructive"] = destructive
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mcp_tool_read_input_schema import McpToolReadInputSchema  # noqa: PLC0415

        d = dict(src_dict)
        allowed = d.pop("allowed")

        description = d.pop("description")

        input_schema = McpToolReadInputSchema.from_dict(d.pop("input_schema"))

        name = d.pop("name")

        read_only = d.pop("read_only")

        def _parse_destructive(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        destructive = _parse_destructive(d.pop("destructive", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        mcp_tool_read = cls(
            allowed=allowed,
            description=description,
            input_schema=input_schema,
            name=name,
            read_only=read_only,
            destructive=destructive,
            title=title,
        )

        mcp_tool_read.additional_properties = d
        return mcp_tool_read

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
