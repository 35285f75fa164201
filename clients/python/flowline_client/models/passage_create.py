from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.passage_create_metadata import PassageCreateMetadata


T = TypeVar("T", bound="PassageCreate")


@_attrs_define
class PassageCreate:
    """
    Attributes:
        agent_id (str): `agt_…`
        text (str): 1 to 10,000 characters, without NUL.
        metadata (PassageCreateMetadata | Unset): Kept with the passage (a JSON object up to 16 KiB).
        person_id (None | str | Unset): Keep it with this person: a user's id (`usr_…`) or a channel contact's
            (`ctc_…`).
    """

    agent_id: str
    text: str
    metadata: PassageCreateMetadata | Unset = UNSET
    person_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        text = self.text

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        person_id: None | str | Unset
        if isinstance(self.person_id, Unset):
            person_id = UNSET
        else:
            person_id = self.person_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agent_id": agent_id,
                "text": text,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if person_id is not UNSET:
            field_dict["person_id"] = person_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.passage_create_metadata import PassageCreateMetadata  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        text = d.pop("text")

        _metadata = d.pop("metadata", UNSET)
        metadata: PassageCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = PassageCreateMetadata.from_dict(_metadata)

        def _parse_person_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        person_id = _parse_person_id(d.pop("person_id", UNSET))

        passage_create = cls(
            agent_id=agent_id,
            text=text,
            metadata=metadata,
            person_id=person_id,
        )

        return passage_create
