from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.question_respond_answer_type_3 import QuestionRespondAnswerType3


T = TypeVar("T", bound="QuestionRespond")


@_attrs_define
class QuestionRespond:
    """
    Attributes:
        answer (bool | float | list[Any] | QuestionRespondAnswerType3 | str): The answer the agent is given: text, or
            any JSON value.
    """

    answer: bool | float | list[Any] | QuestionRespondAnswerType3 | str

    def to_dict(self) -> dict[str, Any]:
        from ..models.question_respond_answer_type_3 import QuestionRespondAnswerType3  # noqa: PLC0415

        answer: bool | dict[str, Any] | float | list[Any] | str
        if isinstance(self.answer, QuestionRespondAnswerType3):
            answer = self.answer.to_dict()
        elif isinstance(self.answer, list):
            answer = self.answer

        else:
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
        from ..models.question_respond_answer_type_3 import QuestionRespondAnswerType3  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_answer(data: object) -> bool | float | list[Any] | QuestionRespondAnswerType3 | str:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answer_type_3 = QuestionRespondAnswerType3.from_dict(data)

                return answer_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                answer_type_4 = cast(list[Any], data)

                return answer_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | float | list[Any] | QuestionRespondAnswerType3 | str, data)

        answer = _parse_answer(d.pop("answer"))

        question_respond = cls(
            answer=answer,
        )

        return question_respond
