from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversations_message_read_metadata_type_0 import ConversationsMessageReadMetadataType0
    from ..models.conversations_message_read_tool_calls_type_0_item import ConversationsMessageReadToolCallsType0Item


T = TypeVar("T", bound="ConversationsMessageRead")


@_attrs_define
class ConversationsMessageRead:
    """
    Attributes:
        content (str):
        cost (float):
        created_at (datetime.datetime):
        duration_ms (int | None):
        id (str):
        input_tokens (int):
        kind (str): `message`, or `summary` for a compaction's summary.
        model (None | str):
        name (None | str):
        output_tokens (int):
        role (str):
        seq (int):
        summary_from_seq (int | None): On a summary: first message it stands for.
        summary_to_seq (int | None): On a summary: last message it stands for.
        tool_call_id (None | str):
        tool_calls (list[ConversationsMessageReadToolCallsType0Item] | None):
        tool_result (Any):
        turn_id (None | str):
        channel_message_id (None | str | Unset): In a channel's conversation: the channel message (`msg_…`, `GET
            /api/v1/messages/{id}`) this message is.
        metadata (ConversationsMessageReadMetadataType0 | None | Unset): In a channel's conversation: `channel_id`,
            `direction` (`in`/`out`), `type` (the channel message's), `kind` (`text`, `template`, `buttons`, `button_reply`,
            `media`, `reaction`), `template` and `language` for a template, and the channel message's current delivery
            `status` with `status_at` (and `error` when it failed).
    """

    content: str
    cost: float
    created_at: datetime.datetime
    duration_ms: int | None
    id: str
    input_tokens: int
    kind: str
    model: None | str
    name: None | str
    output_tokens: int
    role: str
    seq: int
    summary_from_seq: int | None
    summary_to_seq: int | None
    tool_call_id: None | str
    tool_calls: list[ConversationsMessageReadToolCallsType0Item] | None
    tool_result: Any
    turn_id: None | str
    channel_message_id: None | str | Unset = UNSET
    metadata: ConversationsMessageReadMetadataType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversations_message_read_metadata_type_0 import ConversationsMessageReadMetadataType0  # noqa: PLC0415

        content = self.content

        cost = self.cost

        created_at = self.created_at.isoformat()

        duration_ms: int | None
        duration_ms = self.duration_ms

        id = self.id

        input_tokens = self.input_tokens

        kind = self.kind

        model: None | str
        model = self.model

        name: None | str
        name = self.name

        output_tokens = self.output_tokens

        role = self.role

        seq = self.seq

        summary_from_seq: int | None
        summary_from_seq = self.summary_from_seq

        summary_to_seq: int | None
        summary_to_seq = self.summary_to_seq

        tool_call_id: None | str
        tool_call_id = self.tool_call_id

        tool_calls: list[dict[str, Any]] | None
        if isinstance(self.tool_calls, list):
            tool_calls = []
            for tool_calls_type_0_item_data in self.tool_calls:
                tool_calls_type_0_item = tool_calls_type_0_item_data.to_dict()
                tool_calls.append(tool_calls_type_0_item)

        else:
            tool_calls = self.tool_calls

        tool_result = self.tool_result

        turn_id: None | str
        turn_id = self.turn_id

        channel_message_id: None | str | Unset
        if isinstance(self.channel_message_id, Unset):
            channel_message_id = UNSET
        else:
            channel_message_id = self.channel_message_id

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ConversationsMessageReadMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "cost": cost,
                "created_at": created_at,
                "duration_ms": duration_ms,
                "id": id,
                "input_tokens": input_tokens,
                "kind": kind,
                "model": model,
                "name": name,
                "output_tokens": output_tokens,
                "role": role,
                "seq": seq,
                "summary_from_seq": summary_from_seq,
                "summary_to_seq": summary_to_seq,
                "tool_call_id": tool_call_id,
                "tool_calls": tool_calls,
                "tool_result": tool_result,
                "turn_id": turn_id,
            }
        )
        if channel_message_id is not UNSET:
            field_dict["channel_message_id"] = channel_message_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversations_message_read_metadata_type_0 import ConversationsMessageReadMetadataType0  # noqa: PLC0415
        from ..models.conversations_message_read_tool_calls_type_0_item import (
            ConversationsMessageReadToolCallsType0Item,  # noqa: PLC0415
        )

        d = dict(src_dict)
        content = d.pop("content")

        cost = d.pop("cost")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        id = d.pop("id")

        input_tokens = d.pop("input_tokens")

        kind = d.pop("kind")

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        output_tokens = d.pop("output_tokens")

        role = d.pop("role")

        seq = d.pop("seq")

        def _parse_summary_from_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        summary_from_seq = _parse_summary_from_seq(d.pop("summary_from_seq"))

        def _parse_summary_to_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        summary_to_seq = _parse_summary_to_seq(d.pop("summary_to_seq"))

        def _parse_tool_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id"))

        def _parse_tool_calls(data: object) -> list[ConversationsMessageReadToolCallsType0Item] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tool_calls_type_0 = []
                _tool_calls_type_0 = data
                for tool_calls_type_0_item_data in _tool_calls_type_0:
                    tool_calls_type_0_item = ConversationsMessageReadToolCallsType0Item.from_dict(
                        tool_calls_type_0_item_data
                    )

                    tool_calls_type_0.append(tool_calls_type_0_item)

                return tool_calls_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ConversationsMessageReadToolCallsType0Item] | None, data)

        tool_calls = _parse_tool_calls(d.pop("tool_calls"))

        tool_result = d.pop("tool_result")

        def _parse_turn_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        turn_id = _parse_turn_id(d.pop("turn_id"))

        def _parse_channel_message_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel_message_id = _parse_channel_message_id(d.pop("channel_message_id", UNSET))

        def _parse_metadata(data: object) -> ConversationsMessageReadMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ConversationsMessageReadMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationsMessageReadMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        conversations_message_read = cls(
            content=content,
            cost=cost,
            created_at=created_at,
            duration_ms=duration_ms,
            id=id,
            input_tokens=input_tokens,
            kind=kind,
            model=model,
            name=name,
            output_tokens=output_tokens,
            role=role,
            seq=seq,
            summary_from_seq=summary_from_seq,
            summary_to_seq=summary_to_seq,
            tool_call_id=tool_call_id,
            tool_calls=tool_calls,
            tool_result=tool_result,
            turn_id=turn_id,
            channel_message_id=channel_message_id,
            metadata=metadata,
        )

        conversations_message_read.additional_properties = d
        return conversations_message_read

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
