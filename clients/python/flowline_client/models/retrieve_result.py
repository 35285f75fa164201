from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.retrieved_message import RetrievedMessage
    from ..models.search_hit import SearchHit
    from ..models.tools_model_usage import ToolsModelUsage


T = TypeVar("T", bound="RetrieveResult")


@_attrs_define
class RetrieveResult:
    """
    Attributes:
        model (str):
        query (str): The search words the model chose.
        results (list[RetrievedMessage]):
        usage (ToolsModelUsage):
        knowledge (list[SearchHit] | Unset): Hybrid search hits of the agent's bound knowledge bases, for `query`.
    """

    model: str
    query: str
    results: list[RetrievedMessage]
    usage: ToolsModelUsage
    knowledge: list[SearchHit] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        query = self.query

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        usage = self.usage.to_dict()

        knowledge: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.knowledge, Unset):
            knowledge = []
            for knowledge_item_data in self.knowledge:
                knowledge_item = knowledge_item_data.to_dict()
                knowledge.append(knowledge_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "query": query,
                "results": results,
                "usage": usage,
            }
        )
        if knowledge is not UNSET:
            field_dict["knowledge"] = knowledge

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.retrieved_message import RetrievedMessage  # noqa: PLC0415
        from ..models.search_hit import SearchHit  # noqa: PLC0415
        from ..models.tools_model_usage import ToolsModelUsage  # noqa: PLC0415

        d = dict(src_dict)
        model = d.pop("model")

        query = d.pop("query")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = RetrievedMessage.from_dict(results_item_data)

            results.append(results_item)

        usage = ToolsModelUsage.from_dict(d.pop("usage"))

        _knowledge = d.pop("knowledge", UNSET)
        knowledge: list[SearchHit] | Unset = UNSET
        if _knowledge is not UNSET:
            knowledge = []
            for knowledge_item_data in _knowledge:
                knowledge_item = SearchHit.from_dict(knowledge_item_data)

                knowledge.append(knowledge_item)

        retrieve_result = cls(
            model=model,
            query=query,
            results=results,
            usage=usage,
            knowledge=knowledge,
        )

        retrieve_result.additional_properties = d
        return retrieve_result

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
