from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="QuestionRespond")


@_attrs_define
class QuestionRespond:
    """
    Attributes:
        answer (Any): The answer the agent is given: text, or any JSON value.
    """

    answer: Any

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer = d.pop("answer")

        question_respond = cls(
            answer=answer,
        )

        return question_respond
