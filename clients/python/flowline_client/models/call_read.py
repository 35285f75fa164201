from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transcript_line import TranscriptLine


T = TypeVar("T", bound="CallRead")


@_attrs_define
class CallRead:
    """
    Attributes:
        conversation_id (None | str): Where its end-of-call report landed.
        cost (float | None):
        created_at (datetime.datetime):
        ended_at (datetime.datetime | None):
        ended_reason (None | str):
        id (str):
        phone (None | str):
        run_id (None | str): The flow run its report started, if any.
        status (str):
        summary (None | str):
        transcript (list[TranscriptLine]):
        updated_at (datetime.datetime):
        vapi_call_id (str):
    """

    conversation_id: None | str
    cost: float | None
    created_at: datetime.datetime
    ended_at: datetime.datetime | None
    ended_reason: None | str
    id: str
    phone: None | str
    run_id: None | str
    status: str
    summary: None | str
    transcript: list[TranscriptLine]
    updated_at: datetime.datetime
    vapi_call_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conversation_id: None | str
        conversation_id = self.conversation_id

        cost: float | None
        cost = self.cost

        created_at = self.created_at.isoformat()

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        ended_reason: None | str
        ended_reason = self.ended_reason

        id = self.id

        phone: None | str
        phone = self.phone

        run_id: None | str
        run_id = self.run_id

        status = self.status

        summary: None | str
        summary = self.summary

        transcript = []
        for transcript_item_data in self.transcript:
            transcript_item = transcript_item_data.to_dict()
            transcript.append(transcript_item)

        updated_at = self.updated_at.isoformat()

        vapi_call_id = self.vapi_call_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conversation_id": conversation_id,
                "cost": cost,
                "created_at": created_at,
                "ended_at": ended_at,
                "ended_reason": ended_reason,
                "id": id,
                "phone": phone,
                "run_id": run_id,
                "status": status,
                "summary": summary,
                "transcript": transcript,
                "updated_at": updated_at,
                "vapi_call_id": vapi_call_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transcript_line import TranscriptLine  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_conversation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id"))

        def _parse_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost = _parse_cost(d.pop("cost"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        def _parse_ended_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ended_reason = _parse_ended_reason(d.pop("ended_reason"))

        id = d.pop("id")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        status = d.pop("status")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        transcript = []
        _transcript = d.pop("transcript")
        for transcript_item_data in _transcript:
            transcript_item = TranscriptLine.from_dict(transcript_item_data)

            transcript.append(transcript_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        vapi_call_id = d.pop("vapi_call_id")

        call_read = cls(
            conversation_id=conversation_id,
            cost=cost,
            created_at=created_at,
            ended_at=ended_at,
            ended_reason=ended_reason,
            id=id,
            phone=phone,
            run_id=run_id,
            status=status,
            summary=summary,
            transcript=transcript,
            updated_at=updated_at,
            vapi_call_id=vapi_call_id,
        )

        call_read.additional_properties = d
        return call_read

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
