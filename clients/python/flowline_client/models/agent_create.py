from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_config import AgentConfig


T = TypeVar("T", bound="AgentCreate")


@_attrs_define
class AgentCreate:
    """
    Attributes:
        name (str):
        config (AgentConfig | Unset): How an agent answers: its model, instructions, limits and tools.
        description (str | Unset):  Default: ''.
    """

    name: str
    config: AgentConfig | Unset = UNSET
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        description = self.description

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

        agent_create = cls(
            name=name,
            config=config,
            description=description,
        )

        return agent_create
