from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_read_content import ArtifactReadContent


T = TypeVar("T", bound="ArtifactRead")


@_attrs_define
class ArtifactRead:
    """
    Attributes:
        allowed_states (list[str]): States it may move to from this one.
        contact_id (None | str):
        content (ArtifactReadContent):
        conversation_id (None | str):
        created_at (datetime.datetime):
        created_by_id (None | str):
        id (str):
        scheduled_at (datetime.datetime | None):
        state (str):
        title (str):
        type_ (str):
        updated_at (datetime.datetime):
        version (int):
        task_id (None | str | Unset): Its scheduled agent task, if any.
    """

    allowed_states: list[str]
    contact_id: None | str
    content: ArtifactReadContent
    conversation_id: None | str
    created_at: datetime.datetime
    created_by_id: None | str
    id: str
    scheduled_at: datetime.datetime | None
    state: str
    title: str
    type_: str
    updated_at: datetime.datetime
    version: int
    task_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed_states = self.allowed_states

        contact_id: None | str
        contact_id = self.contact_id

        content = self.content.to_dict()

        conversation_id: None | str
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        created_by_id: None | str
        created_by_id = self.created_by_id

        id = self.id

        scheduled_at: None | str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        state = self.state

        title = self.title

        type_ = self.type_

        updated_at = self.updated_at.isoformat()

        version = self.version

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed_states": allowed_states,
                "contact_id": contact_id,
                "content": content,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "created_by_id": created_by_id,
                "id": id,
                "scheduled_at": scheduled_at,
                "state": state,
                "title": title,
                "type": type_,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_read_content import ArtifactReadContent  # noqa: PLC0415

        d = dict(src_dict)
        allowed_states = cast(list[str], d.pop("allowed_states"))

        def _parse_contact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        content = ArtifactReadContent.from_dict(d.pop("content"))

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        id = d.pop("id")

        def _parse_scheduled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))

        state = d.pop("state")

        title = d.pop("title")

        type_ = d.pop("type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        artifact_read = cls(
            allowed_states=allowed_states,
            contact_id=contact_id,
            content=content,
            conversation_id=conversation_id,
            created_at=created_at,
            created_by_id=created_by_id,
            id=id,
            scheduled_at=scheduled_at,
            state=state,
            title=title,
            type_=type_,
            updated_at=updated_at,
            version=version,
            task_id=task_id,
        )

        artifact_read.additional_properties = d
        return artifact_read

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
