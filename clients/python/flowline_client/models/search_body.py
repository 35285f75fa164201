from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.search_body_mode import SearchBodyMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.knowledge_condition import KnowledgeCondition


T = TypeVar("T", bound="SearchBody")


@_attrs_define
class SearchBody:
    """
    Attributes:
        query (str): 1 to 2,000 characters, without NUL (no database stores it).
        filter_ (KnowledgeCondition | None | Unset): On the documents' metadata.
        mode (SearchBodyMode | Unset):  Default: SearchBodyMode.HYBRID.
        score_threshold (float | None | Unset): Hits scoring below it are left out. Scores: cosine similarity
            (`vector`), the full-text rank (`keyword`), the reciprocal-rank-fusion sum (`hybrid`).
        top_k (int | Unset):  Default: 5.
    """

    query: str
    filter_: KnowledgeCondition | None | Unset = UNSET
    mode: SearchBodyMode | Unset = SearchBodyMode.HYBRID
    score_threshold: float | None | Unset = UNSET
    top_k: int | Unset = 5

    def to_dict(self) -> dict[str, Any]:
        from ..models.knowledge_condition import KnowledgeCondition  # noqa: PLC0415

        query = self.query

        filter_: dict[str, Any] | None | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, KnowledgeCondition):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        score_threshold: float | None | Unset
        if isinstance(self.score_threshold, Unset):
            score_threshold = UNSET
        else:
            score_threshold = self.score_threshold

        top_k = self.top_k

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "query": query,
            }
        )
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if mode is not UNSET:
            field_dict["mode"] = mode
        if score_threshold is not UNSET:
            field_dict["score_threshold"] = score_threshold
        if top_k is not UNSET:
            field_dict["top_k"] = top_k

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.knowledge_condition import KnowledgeCondition  # noqa: PLC0415

        d = dict(src_dict)
        query = d.pop("query")

        def _parse_filter_(data: object) -> KnowledgeCondition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = KnowledgeCondition.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KnowledgeCondition | None | Unset, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        _mode = d.pop("mode", UNSET)
        mode: SearchBodyMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = SearchBodyMode(_mode)

        def _parse_score_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score_threshold = _parse_score_threshold(d.pop("score_threshold", UNSET))

        top_k = d.pop("top_k", UNSET)

        search_body = cls(
            query=query,
            filter_=filter_,
            mode=mode,
            score_threshold=score_threshold,
            top_k=top_k,
        )

        return search_body
