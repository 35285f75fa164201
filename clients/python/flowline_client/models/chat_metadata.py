from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_metadata_citations_item import ChatMetadataCitationsItem
    from ..models.chat_usage import ChatUsage
    from ..models.tool_call_read import ToolCallRead


T = TypeVar("T", bound="ChatMetadata")


@_attrs_define
class ChatMetadata:
    """
    Attributes:
        cost (float):
        execution_time_ms (int):
        finish_reason (str):
        model (str):
        run_id (str): The chat turn (`trn_…`).
        steps (int):
        timestamp (datetime.datetime):
        tool_calls (list[ToolCallRead]):
        usage (ChatUsage):
        used_credits (float): Credits the turn used: its cost in USD, taken off the organisation's credits.
        citations (list[ChatMetadataCitationsItem] | Unset): The knowledge-base chunks `knowledge_search` gave the model
            in this turn, each once: `{n, chunk_id, document_id, document_name, kb_id}` (`n` as in `[n]`).
    """

    cost: float
    execution_time_ms: int
    finish_reason: str
    model: str
    run_id: str
    steps: int
    timestamp: datetime.datetime
    tool_calls: list[ToolCallRead]
    usage: ChatUsage
    used_credits: float
    citations: list[ChatMetadataCitationsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        execution_time_ms = self.execution_time_ms

        finish_reason = self.finish_reason

        model = self.model

        run_id = self.run_id

        steps = self.steps

        timestamp = self.timestamp.isoformat()

        tool_calls = []
        for tool_calls_item_data in self.tool_calls:
            tool_calls_item = tool_calls_item_data.to_dict()
            tool_calls.append(tool_calls_item)

        usage = self.usage.to_dict()

        used_credits = self.used_credits

        citations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = []
            for citations_item_data in self.citations:
                citations_item = citations_item_data.to_dict()
                citations.append(citations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "execution_time_ms": execution_time_ms,
                "finish_reason": finish_reason,
                "model": model,
                "run_id": run_id,
                "steps": steps,
                "timestamp": timestamp,
                "tool_calls": tool_calls,
                "usage": usage,
                "used_credits": used_credits,
            }
        )
        if citations is not UNSET:
            field_dict["citations"] = citations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_metadata_citations_item import ChatMetadataCitationsItem  # noqa: PLC0415
        from ..models.chat_usage import ChatUsage  # noqa: PLC0415
        from ..models.tool_call_read import ToolCallRead  # noqa: PLC0415

        d = dict(src_dict)
        cost = d.pop("cost")

        execution_time_ms = d.pop("execution_time_ms")

        finish_reason = d.pop("finish_reason")

        model = d.pop("model")

        run_id = d.pop("run_id")

        steps = d.pop("steps")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        tool_calls = []
        _tool_calls = d.pop("tool_calls")
        for tool_calls_item_data in _tool_calls:
            tool_calls_item = ToolCallRead.from_dict(tool_calls_item_data)

            tool_calls.append(tool_calls_item)

        usage = ChatUsage.from_dict(d.pop("usage"))

        used_credits = d.pop("used_credits")

        _citations = d.pop("citations", UNSET)
        citations: list[ChatMetadataCitationsItem] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = ChatMetadataCitationsItem.from_dict(citations_item_data)

                citations.append(citations_item)

        chat_metadata = cls(
            cost=cost,
            execution_time_ms=execution_time_ms,
            finish_reason=finish_reason,
            model=model,
            run_id=run_id,
            steps=steps,
            timestamp=timestamp,
            tool_calls=tool_calls,
            usage=usage,
            used_credits=used_credits,
            citations=citations,
        )

        chat_metadata.additional_properties = d
        return chat_metadata

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
