from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_put_metadata import ConversationPutMetadata


T = TypeVar("T", bound="ConversationPut")


@_attrs_define
class ConversationPut:
    """
    Attributes:
        expected_version (int | None | Unset):
        metadata (ConversationPutMetadata | Unset):
        title (str | Unset):  Default: ''.
    """

    expected_version: int | None | Unset = UNSET
    metadata: ConversationPutMetadata | Unset = UNSET
    title: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_put_metadata import ConversationPutMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: ConversationPutMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ConversationPutMetadata.from_dict(_metadata)

        title = d.pop("title", UNSET)

        conversation_put = cls(
            expected_version=expected_version,
            metadata=metadata,
            title=title,
        )

        return conversation_put
