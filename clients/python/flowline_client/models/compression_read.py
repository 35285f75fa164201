from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.conversations_message_read import ConversationsMessageRead
    from ..models.model_call_usage import ModelCallUsage


T = TypeVar("T", bound="CompressionRead")


@_attrs_define
class CompressionRead:
    """
    Attributes:
        compacted (bool): False when there was too little to summarise.
        kept (int): Messages after the summary the model still sees.
        summarised (int): Messages (and earlier summary) the summary replaced.
        summary (ConversationsMessageRead | None):
        usage (ModelCallUsage | None):
    """

    compacted: bool
    kept: int
    summarised: int
    summary: ConversationsMessageRead | None
    usage: ModelCallUsage | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversations_message_read import ConversationsMessageRead  # noqa: PLC0415
        from ..models.model_call_usage import ModelCallUsage  # noqa: PLC0415

        compacted = self.compacted

        kept = self.kept

        summarised = self.summarised

        summary: dict[str, Any] | None
        if isinstance(self.summary, ConversationsMessageRead):
            summary = self.summary.to_dict()
        else:
            summary = self.summary

        usage: dict[str, Any] | None
        if isinstance(self.usage, ModelCallUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "compacted": compacted,
                "kept": kept,
                "summarised": summarised,
                "summary": summary,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversations_message_read import ConversationsMessageRead  # noqa: PLC0415
        from ..models.model_call_usage import ModelCallUsage  # noqa: PLC0415

        d = dict(src_dict)
        compacted = d.pop("compacted")

        kept = d.pop("kept")

        summarised = d.pop("summarised")

        def _parse_summary(data: object) -> ConversationsMessageRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                summary_type_0 = ConversationsMessageRead.from_dict(data)

                return summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationsMessageRead | None, data)

        summary = _parse_summary(d.pop("summary"))

        def _parse_usage(data: object) -> ModelCallUsage | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = ModelCallUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelCallUsage | None, data)

        usage = _parse_usage(d.pop("usage"))

        compression_read = cls(
            compacted=compacted,
            kept=kept,
            summarised=summarised,
            summary=summary,
            usage=usage,
        )

        compression_read.additional_properties = d
        return compression_read

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
