from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.step_read_error_type_0 import StepReadErrorType0


T = TypeVar("T", bound="StepRead")


@_attrs_define
class StepRead:
    """One attempt of one node.

    Attributes:
        attempt (int): 1 for the first attempt; retries of the node count up.
        attempt_group (int): 1, bumped each time the run is retried.
        duration_ms (int | None): Null while the step has not finished.
        error (None | StepReadErrorType0):
        finished_at (datetime.datetime | None):
        id (str):
        input_ (Any):
        node_id (str):
        node_type (str):
        outcome (None | str): The outcome the node chose, e.g. `next`, `true`.
        output (Any):
        started_at (datetime.datetime):
        status (str):
    """

    attempt: int
    attempt_group: int
    duration_ms: int | None
    error: None | StepReadErrorType0
    finished_at: datetime.datetime | None
    id: str
    input_: Any
    node_id: str
    node_type: str
    outcome: None | str
    output: Any
    started_at: datetime.datetime
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.step_read_error_type_0 import StepReadErrorType0  # noqa: PLC0415

        attempt = self.attempt

        attempt_group = self.attempt_group

        duration_ms: int | None
        duration_ms = self.duration_ms

        error: dict[str, Any] | None
        if isinstance(self.error, StepReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        input_ = self.input_

        node_id = self.node_id

        node_type = self.node_type

        outcome: None | str
        outcome = self.outcome

        output = self.output

        started_at = self.started_at.isoformat()

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt": attempt,
                "attempt_group": attempt_group,
                "duration_ms": duration_ms,
                "error": error,
                "finished_at": finished_at,
                "id": id,
                "input": input_,
                "node_id": node_id,
                "node_type": node_type,
                "outcome": outcome,
                "output": output,
                "started_at": started_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.step_read_error_type_0 import StepReadErrorType0  # noqa: PLC0415

        d = dict(src_dict)
        attempt = d.pop("attempt")

        attempt_group = d.pop("attempt_group")

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_error(data: object) -> None | StepReadErrorType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = StepReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StepReadErrorType0, data)

        error = _parse_error(d.pop("error"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = d.pop("id")

        input_ = d.pop("input")

        node_id = d.pop("node_id")

        node_type = d.pop("node_type")

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        output = d.pop("output")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        status = d.pop("status")

        step_read = cls(
            attempt=attempt,
            attempt_group=attempt_group,
            duration_ms=duration_ms,
            error=error,
            finished_at=finished_at,
            id=id,
            input_=input_,
            node_id=node_id,
            node_type=node_type,
            outcome=outcome,
            output=output,
            started_at=started_at,
            status=status,
        )

        step_read.additional_properties = d
        return step_read

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
