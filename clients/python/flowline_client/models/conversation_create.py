from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_create_metadata import ConversationCreateMetadata


T = TypeVar("T", bound="ConversationCreate")


@_attrs_define
class ConversationCreate:
    """
    Attributes:
        agent_id (None | str | Unset):
        metadata (ConversationCreateMetadata | Unset):
        title (str | Unset):  Default: ''.
    """

    agent_id: None | str | Unset = UNSET
    metadata: ConversationCreateMetadata | Unset = UNSET
    title: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_create_metadata import ConversationCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: ConversationCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ConversationCreateMetadata.from_dict(_metadata)

        title = d.pop("title", UNSET)

        conversation_create = cls(
            agent_id=agent_id,
            metadata=metadata,
            title=title,
        )

        return conversation_create
