from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DraftSave")


@_attrs_define
class DraftSave:
    """A draft as given; the model writes ``body`` only when it is missing.

    Attributes:
        body (None | str | Unset):
        cc (list[str] | Unset):
        contact_id (None | str | Unset):
        conversation_id (None | str | Unset):
        instructions (None | str | Unset): What the model is to write, when `body` is not given.
        subject (str | Unset):  Default: ''.
        to (list[str] | Unset):
    """

    body: None | str | Unset = UNSET
    cc: list[str] | Unset = UNSET
    contact_id: None | str | Unset = UNSET
    conversation_id: None | str | Unset = UNSET
    instructions: None | str | Unset = UNSET
    subject: str | Unset = ""
    to: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        cc: list[str] | Unset = UNSET
        if not isinstance(self.cc, Unset):
            cc = self.cc

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        else:
            contact_id = self.contact_id

        conversation_id: None | str | Unset
        if isinstance(self.conversation_id, Unset):
            conversation_id = UNSET
        else:
            conversation_id = self.conversation_id

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        subject = self.subject

        to: list[str] | Unset = UNSET
        if not isinstance(self.to, Unset):
            to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if body is not UNSET:
            field_dict["body"] = body
        if cc is not UNSET:
            field_dict["cc"] = cc
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if subject is not UNSET:
            field_dict["subject"] = subject
        if to is not UNSET:
            field_dict["to"] = to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        cc = cast(list[str], d.pop("cc", UNSET))

        def _parse_contact_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        def _parse_conversation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        subject = d.pop("subject", UNSET)

        to = cast(list[str], d.pop("to", UNSET))

        draft_save = cls(
            body=body,
            cc=cc,
            contact_id=contact_id,
            conversation_id=conversation_id,
            instructions=instructions,
            subject=subject,
            to=to,
        )

        return draft_save
