from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TranscriptSummarize")


@_attrs_define
class TranscriptSummarize:
    """
    Attributes:
        transcript (str):
        attendees (list[str] | Unset):
        conversation_id (None | str | Unset): Where tasks made from action items go.
        create_tasks (bool | Unset): Make a `task` artifact of each action item. Default: False.
        title (None | str | Unset):
    """

    transcript: str
    attendees: list[str] | Unset = UNSET
    conversation_id: None | str | Unset = UNSET
    create_tasks: bool | Unset = False
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        transcript = self.transcript

        attendees: list[str] | Unset = UNSET
        if not isinstance(self.attendees, Unset):
            attendees = self.attendees

        conversation_id: None | str | Unset
        if isinstance(self.conversation_id, Unset):
            conversation_id = UNSET
        else:
            conversation_id = self.conversation_id

        create_tasks = self.create_tasks

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "transcript": transcript,
            }
        )
        if attendees is not UNSET:
            field_dict["attendees"] = attendees
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id
        if create_tasks is not UNSET:
            field_dict["create_tasks"] = create_tasks
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        transcript = d.pop("transcript")

        attendees = cast(list[str], d.pop("attendees", UNSET))

        def _parse_conversation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id", UNSET))

        create_tasks = d.pop("create_tasks", UNSET)

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        transcript_summarize = cls(
            transcript=transcript,
            attendees=attendees,
            conversation_id=conversation_id,
            create_tasks=create_tasks,
            title=title,
        )

        return transcript_summarize
