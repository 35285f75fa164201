from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DraftReply")


@_attrs_define
class DraftReply:
    """A reply the model writes to a received email (a message of an email channel).

    Attributes:
        message_id (str): The received email (`msg_…`).
        instructions (None | str | Unset):
        tone (None | str | Unset):
    """

    message_id: str
    instructions: None | str | Unset = UNSET
    tone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message_id = self.message_id

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        tone: None | str | Unset
        if isinstance(self.tone, Unset):
            tone = UNSET
        else:
            tone = self.tone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message_id": message_id,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if tone is not UNSET:
            field_dict["tone"] = tone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message_id = d.pop("message_id")

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_tone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tone = _parse_tone(d.pop("tone", UNSET))

        draft_reply = cls(
            message_id=message_id,
            instructions=instructions,
            tone=tone,
        )

        return draft_reply
