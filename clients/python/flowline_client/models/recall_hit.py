from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recall_hit_metadata import RecallHitMetadata


T = TypeVar("T", bound="RecallHit")


@_attrs_define
class RecallHit:
    """
    Attributes:
        contact_id (None | str):
        created_at (datetime.datetime):
        metadata (RecallHitMetadata):
        passage_id (str):
        score (float):
        text (str):
        user_id (None | str):
    """

    contact_id: None | str
    created_at: datetime.datetime
    metadata: RecallHitMetadata
    passage_id: str
    score: float
    text: str
    user_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_id: None | str
        contact_id = self.contact_id

        created_at = self.created_at.isoformat()

        metadata = self.metadata.to_dict()

        passage_id = self.passage_id

        score = self.score

        text = self.text

        user_id: None | str
        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_id": contact_id,
                "created_at": created_at,
                "metadata": metadata,
                "passage_id": passage_id,
                "score": score,
                "text": text,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recall_hit_metadata import RecallHitMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contact_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        metadata = RecallHitMetadata.from_dict(d.pop("metadata"))

        passage_id = d.pop("passage_id")

        score = d.pop("score")

        text = d.pop("text")

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        recall_hit = cls(
            contact_id=contact_id,
            created_at=created_at,
            metadata=metadata,
            passage_id=passage_id,
            score=score,
            text=text,
            user_id=user_id,
        )

        recall_hit.additional_properties = d
        return recall_hit

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
