from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineApproval")


@_attrs_define
class TimelineApproval:
    """
    Attributes:
        approval_id (str):
        arguments (Any): The arguments the call was asked with.
        at (datetime.datetime):
        comment (None | str):
        decided_at (datetime.datetime | None):
        decided_by_id (None | str):
        edited_arguments (Any): What the approver changed them to, if anything.
        run_id (None | str):
        seq (int):
        status (str):
        tool (None | str):
        tool_call_id (None | str):
        type_ (Literal['approval'] | Unset):  Default: 'approval'.
    """

    approval_id: str
    arguments: Any
    at: datetime.datetime
    comment: None | str
    decided_at: datetime.datetime | None
    decided_by_id: None | str
    edited_arguments: Any
    run_id: None | str
    seq: int
    status: str
    tool: None | str
    tool_call_id: None | str
    type_: Literal["approval"] | Unset = "approval"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approval_id = self.approval_id

        arguments = self.arguments

        at = self.at.isoformat()

        comment: None | str
        comment = self.comment

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by_id: None | str
        decided_by_id = self.decided_by_id

        edited_arguments = self.edited_arguments

        run_id: None | str
        run_id = self.run_id

        seq = self.seq

        status = self.status

        tool: None | str
        tool = self.tool

        tool_call_id: None | str
        tool_call_id = self.tool_call_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approval_id": approval_id,
                "arguments": arguments,
                "at": at,
                "comment": comment,
                "decided_at": decided_at,
                "decided_by_id": decided_by_id,
                "edited_arguments": edited_arguments,
                "run_id": run_id,
                "seq": seq,
                "status": status,
                "tool": tool,
                "tool_call_id": tool_call_id,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approval_id = d.pop("approval_id")

        arguments = d.pop("arguments")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decided_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by_id = _parse_decided_by_id(d.pop("decided_by_id"))

        edited_arguments = d.pop("edited_arguments")

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        seq = d.pop("seq")

        status = d.pop("status")

        def _parse_tool(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool = _parse_tool(d.pop("tool"))

        def _parse_tool_call_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_call_id = _parse_tool_call_id(d.pop("tool_call_id"))

        type_ = cast(Literal["approval"] | Unset, d.pop("type", UNSET))
        if type_ != "approval" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'approval', got '{type_}'")

        timeline_approval = cls(
            approval_id=approval_id,
            arguments=arguments,
            at=at,
            comment=comment,
            decided_at=decided_at,
            decided_by_id=decided_by_id,
            edited_arguments=edited_arguments,
            run_id=run_id,
            seq=seq,
            status=status,
            tool=tool,
            tool_call_id=tool_call_id,
            type_=type_,
        )

        timeline_approval.additional_properties = d
        return timeline_approval

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
