from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.flow_version_read import FlowVersionRead


T = TypeVar("T", bound="PageEnvelopeFlowVersionRead")


@_attrs_define
class PageEnvelopeFlowVersionRead:
    """
    Attributes:
        data (list[FlowVersionRead]):
        page (int): This page, counted from 0.
        pages (int): Number of pages.
        size (int): Page size asked for.
        total (int): Items across all pages.
    """

    data: list[FlowVersionRead]
    page: int
    pages: int
    size: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
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
        from ..models.flow_version_read import FlowVersionRead  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = FlowVersionRead.from_dict(data_item_data)

            data.append(data_item)

        page = d.pop("page")

        pages = d.pop("pages")

        size = d.pop("size")

        total = d.pop("total")

        page_envelope_flow_version_read = cls(
            data=data,
            page=page,
            pages=pages,
            size=size,
            total=total,
        )

        page_envelope_flow_version_read.additional_properties = d
        return page_envelope_flow_version_read

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
