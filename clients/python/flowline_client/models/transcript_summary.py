from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.action_item import ActionItem
    from ..models.artifact_read import ArtifactRead
    from ..models.emails_model_usage import EmailsModelUsage


T = TypeVar("T", bound="TranscriptSummary")


@_attrs_define
class TranscriptSummary:
    """
    Attributes:
        action_items (list[ActionItem]):
        decisions (list[str]):
        summary (str):
        tasks (list[ArtifactRead]): The tasks made (with `create_tasks`).
        usage (EmailsModelUsage):
    """

    action_items: list[ActionItem]
    decisions: list[str]
    summary: str
    tasks: list[ArtifactRead]
    usage: EmailsModelUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_items = []
        for action_items_item_data in self.action_items:
            action_items_item = action_items_item_data.to_dict()
            action_items.append(action_items_item)

        decisions = self.decisions

        summary = self.summary

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_items": action_items,
                "decisions": decisions,
                "summary": summary,
                "tasks": tasks,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_item import ActionItem  # noqa: PLC0415
        from ..models.artifact_read import ArtifactRead  # noqa: PLC0415
        from ..models.emails_model_usage import EmailsModelUsage  # noqa: PLC0415

        d = dict(src_dict)
        action_items = []
        _action_items = d.pop("action_items")
        for action_items_item_data in _action_items:
            action_items_item = ActionItem.from_dict(action_items_item_data)

            action_items.append(action_items_item)

        decisions = cast(list[str], d.pop("decisions"))

        summary = d.pop("summary")

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = ArtifactRead.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        usage = EmailsModelUsage.from_dict(d.pop("usage"))

        transcript_summary = cls(
            action_items=action_items,
            decisions=decisions,
            summary=summary,
            tasks=tasks,
            usage=usage,
        )

        transcript_summary.additional_properties = d
        return transcript_summary

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
