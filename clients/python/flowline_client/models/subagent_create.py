from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_config import AgentConfig


T = TypeVar("T", bound="SubagentCreate")


@_attrs_define
class SubagentCreate:
    """An agent (``name``, ``description``, ``config``) that its parent is offered as a tool.

    Attributes:
        name (str):
        config (AgentConfig | Unset): How an agent answers: its model, instructions, limits and tools.
        description (str | Unset):  Default: ''.
        tool_description (None | str | Unset): What the parent's model is told it does; default `description`.
        tool_name (None | str | Unset): The parent's tool for it (not a built-in's name); default made from `name`.
    """

    name: str
    config: AgentConfig | Unset = UNSET
    description: str | Unset = ""
    tool_description: None | str | Unset = UNSET
    tool_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        description = self.description

        tool_description: None | str | Unset
        if isinstance(self.tool_description, Unset):
            tool_description = UNSET
        else:
            tool_description = self.tool_description

        tool_name: None | str | Unset
        if isinstance(self.tool_name, Unset):
            tool_name = UNSET
        else:
            tool_name = self.tool_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if description is not UNSET:
            field_dict["description"] = description
        if tool_description is not UNSET:
            field_dict["tool_description"] = tool_description
        if tool_name is not UNSET:
            field_dict["tool_name"] = tool_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_config import AgentConfig  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _config = d.pop("config", UNSET)
        config: AgentConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = AgentConfig.from_dict(_config)

        description = d.pop("description", UNSET)

        def _parse_tool_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool_description = _parse_tool_description(d.pop("tool_description", UNSET))

        def _parse_tool_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool_name = _parse_tool_name(d.pop("tool_name", UNSET))

        subagent_create = cls(
            name=name,
            config=config,
            description=description,
            tool_description=tool_description,
            tool_name=tool_name,
        )

        return subagent_create
