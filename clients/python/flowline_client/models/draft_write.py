from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DraftWrite")


@_attrs_define
class DraftWrite:
    """A new email the model writes from instructions.

    Attributes:
        instructions (str):
        cc (list[str] | Unset):
        contact_id (None | str | Unset):
        context (None | str | Unset):
        conversation_id (None | str | Unset):
        to (list[str] | Unset):
        tone (None | str | Unset):
    """

    instructions: str
    cc: list[str] | Unset = UNSET
    contact_id: None | str | Unset = UNSET
    context: None | str | Unset = UNSET
    conversation_id: None | str | Unset = UNSET
    to: list[str] | Unset = UNSET
    tone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        instructions = self.instructions

        cc: list[str] | Unset = UNSET
        if not isinstance(self.cc, Unset):
            cc = self.cc

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        context: None | str | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        else:
            context = self.context

        conversation_id: None | str | Unset
        if isinstance(self.conversation_id, Unset):
            conversation_id = UNSET
        else:
            conversation_id = self.conversation_id

        to: list[str] | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = self.to

        tone: None | str | Unset
        if isinstance(self.tone, Unset):
            tone = UNSET
        else:
            tone = self.tone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "instructions": instructions,
            }
        )
        if cc is not UNSET:
            field_dict["cc"] = cc
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if context is not UNSET:
            field_dict["context"] = context
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id
        if to is not UNSET:
            field_dict["to"] = to
        if tone is not UNSET:
            field_dict["tone"] = tone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instructions = d.pop("instructions")

        cc = cast(list[str], d.pop("cc", UNSET))

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        def _parse_context(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        context = _parse_context(d.pop("context", UNSET))

        def _parse_conversation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id", UNSET))

        to = cast(list[str], d.pop("to", UNSET))

        def _parse_tone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tone = _parse_tone(d.pop("tone", UNSET))

        draft_write = cls(
            instructions=instructions,
            cc=cc,
            contact_id=contact_id,
            context=context,
            conversation_id=conversation_id,
            to=to,
            tone=tone,
        )

        return draft_write
