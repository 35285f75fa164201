from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.recall_body_mode import RecallBodyMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecallBody")


@_attrs_define
class RecallBody:
    """
    Attributes:
        agent_id (str): `agt_…`
        query (str): 1 to 2,000 characters, without NUL.
        mode (RecallBodyMode | Unset):  Default: RecallBodyMode.HYBRID.
        person_id (None | str | Unset): Also search what the agent keeps about this person: a user's id (`usr_…`) or a
            channel contact's (`ctc_…`).
        score_threshold (float | None | Unset): Hits scoring below it are left out (as in knowledge search).
        top_k (int | Unset):  Default: 5.
    """

    agent_id: str
    query: str
    mode: RecallBodyMode | Unset = RecallBodyMode.HYBRID
    person_id: None | str | Unset = UNSET
    score_threshold: float | None | Unset = UNSET
    top_k: int | Unset = 5

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        query = self.query

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        person_id: None | str | Unset
        if isinstance(self.person_id, Unset):
            person_id = UNSET
        else:
            person_id = self.person_id

        score_threshold: float | None | Unset
        if isinstance(self.score_threshold, Unset):
            score_threshold = UNSET
        else:
            score_threshold = self.score_threshold

        top_k = self.top_k

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_id": agent_id,
                "query": query,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if person_id is not UNSET:
            field_dict["person_id"] = person_id
        if score_threshold is not UNSET:
            field_dict["score_threshold"] = score_threshold
        if top_k is not UNSET:
            field_dict["top_k"] = top_k

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        query = d.pop("query")

        _mode = d.pop("mode", UNSET)
        mode: RecallBodyMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = RecallBodyMode(_mode)

        def _parse_person_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        person_id = _parse_person_id(d.pop("person_id", UNSET))

        def _parse_score_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score_threshold = _parse_score_threshold(d.pop("score_threshold", UNSET))

        top_k = d.pop("top_k", UNSET)

        recall_body = cls(
            agent_id=agent_id,
            query=query,
            mode=mode,
            person_id=person_id,
            score_threshold=score_threshold,
            top_k=top_k,
        )

        return recall_body
