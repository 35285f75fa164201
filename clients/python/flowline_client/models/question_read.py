from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QuestionRead")


@_attrs_define
class QuestionRead:
    """What an agent asked a person with its ``ask_user`` tool; its turn waits for the answer.

    Attributes:
        agent_id (None | str):
        answer (Any):
        answered_at (datetime.datetime | None):
        answered_by_id (None | str):
        conversation_id (None | str):
        created_at (datetime.datetime):
        id (str):
        options (list[str] | None):
        question (str):
        run_id (str):
        status (str): `pending`, `answered` or `cancelled`.
        tool_call_id (None | str):
    """

    agent_id: None | str
    answer: Any
    answered_at: datetime.datetime | None
    answered_by_id: None | str
    conversation_id: None | str
    created_at: datetime.datetime
    id: str
    options: list[str] | None
    question: str
    run_id: str
    status: str
    tool_call_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str
        agent_id = self.agent_id

        answer = self.answer

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        answered_by_id: None | str
        answered_by_id = self.answered_by_id

        conversation_id: None | str
        conversation_id = self.conversation_id

        created_at = self.created_at.isoformat()

        id = self.id

        options: list[str] | None
        if isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        question = self.question

        run_id = self.run_id

        status = self.status

        tool_call_id: None | str
        tool_call_id = self.tool_call_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "answer": answer,
                "answered_at": answered_at,
                "answered_by_id": answered_by_id,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "id": id,
                "options": options,
                "question": question,
                "run_id": run_id,
                "status": status,
                "tool_call_id": tool_call_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        answer = d.pop("answer")

        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))

        def _parse_answered_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        answered_by_id = _parse_answered_by_id(d.pop("answered_by_id"))

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        def _parse_options(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = cast(list[str], data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        options = _parse_options(d.pop("options"))

        question = d.pop("question")

        run_id = d.pop("run_id")

        status = d.pop("status")

        def _parse_tool_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id"))

        question_read = cls(
            agent_id=agent_id,
            answer=answer,
            answered_at=answered_at,
            answered_by_id=answered_by_id,
            conversation_id=conversation_id,
            created_at=created_at,
            id=id,
            options=options,
            question=question,
            run_id=run_id,
            status=status,
            tool_call_id=tool_call_id,
        )

        question_read.additional_properties = d
        return question_read

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
