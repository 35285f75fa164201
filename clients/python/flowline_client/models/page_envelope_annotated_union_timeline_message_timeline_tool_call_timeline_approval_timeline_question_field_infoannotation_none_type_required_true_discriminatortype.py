from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.timeline_approval import TimelineApproval
    from ..models.timeline_message import TimelineMessage
    from ..models.timeline_question import TimelineQuestion
    from ..models.timeline_tool_call import TimelineToolCall


T = TypeVar(
    "T",
    bound="PageEnvelopeAnnotatedUnionTimelineMessageTimelineToolCallTimelineApprovalTimelineQuestionFieldInfoannotationNoneTypeRequiredTrueDiscriminatortype",
)


@_attrs_define
class PageEnvelopeAnnotatedUnionTimelineMessageTimelineToolCallTimelineApprovalTimelineQuestionFieldInfoannotationNoneTypeRequiredTrueDiscriminatortype:
    """
    Attributes:
        data (list[TimelineApproval | TimelineMessage | TimelineQuestion | TimelineToolCall]):
        page (int): This page, counted from 0.
        pages (int): Number of pages.
        size (int): Page size asked for.
        total (int): Items across all pages.
    """

    data: list[TimelineApproval | TimelineMessage | TimelineQuestion | TimelineToolCall]
    page: int
    pages: int
    size: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.timeline_approval import TimelineApproval  # noqa: PLC0415
        from ..models.timeline_message import TimelineMessage  # noqa: PLC0415
        from ..models.timeline_tool_call import TimelineToolCall  # noqa: PLC0415

        data = []
        for data_item_data in self.data:
            data_item: dict[str, Any]
            if isinstance(data_item_data, TimelineMessage):
                data_item = data_item_data.to_dict()
            elif isinstance(data_item_data, TimelineToolCall):
                data_item = data_item_data.to_dict()
            elif isinstance(data_item_data, TimelineApproval):
                data_item = data_item_data.to_dict()
            else:
                data_item = data_item_data.to_dict()

            data.append(data_item)

        page = self.page

        pages = self.pages

        size = self.size

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "page": page,
                "pages": pages,
                "size": size,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_approval import TimelineApproval  # noqa: PLC0415
        from ..models.timeline_message import TimelineMessage  # noqa: PLC0415
        from ..models.timeline_question import TimelineQuestion  # noqa: PLC0415
        from ..models.timeline_tool_call import TimelineToolCall  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:

            def _parse_data_item(
                data: object,
            ) -> TimelineApproval | TimelineMessage | TimelineQuestion | TimelineToolCall:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    data_item_type_0 = TimelineMessage.from_dict(data)

                    return data_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    data_item_type_1 = TimelineToolCall.from_dict(data)

                    return data_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    data_item_type_2 = TimelineApproval.from_dict(data)

                    return data_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                data_item_type_3 = TimelineQuestion.from_dict(data)

                return data_item_type_3

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        page = d.pop("page")

        pages = d.pop("pages")

        size = d.pop("size")

        total = d.pop("total")

        page_envelope_annotated_union_timeline_message_timeline_tool_call_timeline_approval_timeline_question_field_infoannotation_none_type_required_true_discriminatortype = cls(
            data=data,
            page=page,
            pages=pages,
            size=size,
            total=total,
        )

        page_envelope_annotated_union_timeline_message_timeline_tool_call_timeline_approval_timeline_question_field_infoannotation_none_type_required_true_discriminatortype.additional_properties = d
        return page_envelope_annotated_union_timeline_message_timeline_tool_call_timeline_approval_timeline_question_field_infoannotation_none_type_required_true_discriminatortype

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
