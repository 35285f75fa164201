from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.artifact_type_read_content_schema import ArtifactTypeReadContentSchema
    from ..models.artifact_type_read_transitions import ArtifactTypeReadTransitions


T = TypeVar("T", bound="ArtifactTypeRead")


@_attrs_define
class ArtifactTypeRead:
    """
    Attributes:
        actions (list[str]):
        content_schema (ArtifactTypeReadContentSchema):
        description (str):
        editable_states (list[str]):
        icon (str):
        initial_state (str):
        label (str):
        name (str):
        states (list[str]):
        transitions (ArtifactTypeReadTransitions):
    """

    actions: list[str]
    content_schema: ArtifactTypeReadContentSchema
    description: str
    editable_states: list[str]
    icon: str
    initial_state: str
    label: str
    name: str
    states: list[str]
    transitions: ArtifactTypeReadTransitions
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actions = self.actions

        content_schema = self.content_schema.to_dict()

        description = self.description

        editable_states = self.editable_states

        icon = self.icon

        initial_state = self.initial_state

        label = self.label

        name = self.name

        states = self.states

        transitions = self.transitions.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actions": actions,
                "content_schema": content_schema,
                "description": description,
                "editable_states": editable_states,
                "icon": icon,
                "initial_state": initial_state,
                "label": label,
                "name": name,
                "states": states,
                "transitions": transitions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_type_read_content_schema import ArtifactTypeReadContentSchema  # noqa: PLC0415
        from ..models.artifact_type_read_transitions import ArtifactTypeReadTransitions  # noqa: PLC0415

        d = dict(src_dict)
        actions = cast(list[str], d.pop("actions"))

        content_schema = ArtifactTypeReadContentSchema.from_dict(d.pop("content_schema"))

        description = d.pop("description")

        editable_states = cast(list[str], d.pop("editable_states"))

        icon = d.pop("icon")

        initial_state = d.pop("initial_state")

        label = d.pop("label")

        name = d.pop("name")

        states = cast(list[str], d.pop("states"))

        transitions = ArtifactTypeReadTransitions.from_dict(d.pop("transitions"))

        artifact_type_read = cls(
            actions=actions,
            content_schema=content_schema,
            description=description,
            editable_states=editable_states,
            icon=icon,
            initial_state=initial_state,
            label=label,
            name=name,
            states=states,
            transitions=transitions,
        )

        artifact_type_read.additional_properties = d
        return artifact_type_read

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
