from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineQuestion")


@_attrs_define
class TimelineQuestion:
    """
    Attributes:
        answer (Any):
        answered_at (datetime.datetime | None):
        at (datetime.datetime):
        options (list[str] | None):
        question (str):
        question_id (str):
        run_id (None | str):
        seq (int):
        status (str):
        tool_call_id (None | str):
        type_ (Literal['question'] | Unset):  Default: 'question'.
    """

    answer: Any
    answered_at: datetime.datetime | None
    at: datetime.datetime
    options: list[str] | None
    question: str
    question_id: str
    run_id: None | str
    seq: int
    status: str
    tool_call_id: None | str
    type_: Literal["question"] | Unset = "question"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        at = self.at.isoformat()

        options: list[str] | None
        if isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        question = self.question

        question_id = self.question_id

        run_id: None | str
        run_id = self.run_id

        seq = self.seq

        status = self.status

        tool_call_id: None | str
        tool_call_id = self.tool_call_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "answered_at": answered_at,
                "at": at,
                "options": options,
                "question": question,
                "question_id": question_id,
                "run_id": run_id,
                "seq": seq,
                "status": status,
                "tool_call_id": tool_call_id,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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

        at = datetime.datetime.fromisoformat(d.pop("at"))

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

        question_id = d.pop("question_id")

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        seq = d.pop("seq")

        status = d.pop("status")

        def _parse_tool_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id"))

        type_ = cast(Literal["question"] | Unset, d.pop("type", UNSET))
        if type_ != "question" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'question', got '{type_}'")

        timeline_question = cls(
            answer=answer,
            answered_at=answered_at,
            at=at,
            options=options,
            question=question,
            question_id=question_id,
            run_id=run_id,
            seq=seq,
            status=status,
            tool_call_id=tool_call_id,
            type_=type_,
        )

        timeline_question.additional_properties = d
        return timeline_question

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
