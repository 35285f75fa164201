from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineToolCall")


@_attrs_define
class TimelineToolCall:
    """
    Attributes:
        arguments (Any):
        at (datetime.datetime):
        duration_ms (int | None):
        error (None | str):
        id (str):
        outcome (None | str): `denied` or `answered` when a person settled it.
        result (Any):
        result_seq (int | None): The tool message holding the result.
        run_id (None | str):
        seq (int): The assistant message that asked for the call.
        status (str): `pending` (asked, not started), `running`, `waiting` (for a person), `succeeded` (a result is in:
            see `error` and `outcome`), `failed`, `cancelled`.
        step_id (None | str):
        tool (str):
        type_ (Literal['tool_call'] | Unset):  Default: 'tool_call'.
    """

    arguments: Any
    at: datetime.datetime
    duration_ms: int | None
    error: None | str
    id: str
    outcome: None | str
    result: Any
    result_seq: int | None
    run_id: None | str
    seq: int
    status: str
    step_id: None | str
    tool: str
    type_: Literal["tool_call"] | Unset = "tool_call"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arguments = self.arguments

        at = self.at.isoformat()

        duration_ms: int | None
        duration_ms = self.duration_ms

        error: None | str
        error = self.error

        id = self.id

        outcome: None | str
        outcome = self.outcome

        result = self.result

        result_seq: int | None
        result_seq = self.result_seq

        run_id: None | str
        run_id = self.run_id

        seq = self.seq

        status = self.status

        step_id: None | str
        step_id = self.step_id

        tool = self.tool

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arguments": arguments,
                "at": at,
                "duration_ms": duration_ms,
                "error": error,
                "id": id,
                "outcome": outcome,
                "result": result,
                "result_seq": result_seq,
                "run_id": run_id,
                "seq": seq,
                "status": status,
                "step_id": step_id,
                "tool": tool,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arguments = d.pop("arguments")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        id = d.pop("id")

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        result = d.pop("result")

        def _parse_result_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        result_seq = _parse_result_seq(d.pop("result_seq"))

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        seq = d.pop("seq")

        status = d.pop("status")

        def _parse_step_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        step_id = _parse_step_id(d.pop("step_id"))

        tool = d.pop("tool")

        type_ = cast(Literal["tool_call"] | Unset, d.pop("type", UNSET))
        if type_ != "tool_call" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'tool_call', got '{type_}'")

        timeline_tool_call = cls(
            arguments=arguments,
            at=at,
            duration_ms=duration_ms,
            error=error,
            id=id,
            outcome=outcome,
            result=result,
            result_seq=result_seq,
            run_id=run_id,
            seq=seq,
            status=status,
            step_id=step_id,
            tool=tool,
            type_=type_,
        )

        timeline_tool_call.additional_properties = d
        return timeline_tool_call

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
