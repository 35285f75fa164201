from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_config_approval_additional_property import AgentConfigApprovalAdditionalProperty

T = TypeVar("T", bound="AgentConfigApproval")


@_attrs_define
class AgentConfigApproval:
    """Per built-in tool: `never` (default), `always` or `mutating`. An entry for a built-in the agent does not have is
    kept, and applies once the tool is added.

    """

    additional_properties: dict[str, AgentConfigApprovalAdditionalProperty] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_config_approval = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = AgentConfigApprovalAdditionalProperty(prop_dict)

            additional_properties[prop_name] = additional_property

        agent_config_approval.additional_properties = additional_properties
        return agent_config_approval

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> AgentConfigApprovalAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: AgentConfigApprovalAdditionalProperty) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
