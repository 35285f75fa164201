from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.runs_run_read_error_type_0 import RunsRunReadErrorType0
    from ..models.runs_run_read_vars import RunsRunReadVars
    from ..models.step_read import StepRead


T = TypeVar("T", bound="RunsRunRead")


@_attrs_define
class RunsRunRead:
    """
    Attributes:
        attempt_group (int):
        created_at (datetime.datetime):
        error (None | RunsRunReadErrorType0):
        event_seq (int): Number of the run's latest event.
        finished_at (datetime.datetime | None):
        flow_id (None | str): The flow (`null` for an agent's chat turn).
        flow_version_id (None | str): The definition the run executes, pinned at start (`null` for a chat turn).
        id (str):
        input_ (Any):
        kind (str): `flow`, or `agent` for an agent's chat turn.
        output (Any):
        parent_node_id (None | str):
        parent_run_id (None | str): The run that started this one as a subflow.
        started_at (datetime.datetime | None):
        status (RunStatus):
        steps (list[StepRead]): Every step attempt, in the order they started.
        trigger (str): What started the run: `api`, `schedule`, `webhook`, ….
        vars_ (RunsRunReadVars):
        agent_id (None | str | Unset): The agent of a chat turn.
        conversation_id (None | str | Unset): The chat turn's thread.
        pruned_at (datetime.datetime | None | Unset): When retention (`FLOWLINE_RETENTION_DAYS`) removed the run's steps
            and events; `null` while they are kept. A pruned run lists only steps an approval refers to.
    """

    attempt_group: int
    created_at: datetime.datetime
    error: None | RunsRunReadErrorType0
    event_seq: int
    finished_at: datetime.datetime | None
    flow_id: None | str
    flow_version_id: None | str
    id: str
    input_: Any
    kind: str
    output: Any
    parent_node_id: None | str
    parent_run_id: None | str
    started_at: datetime.datetime | None
    status: RunStatus
    steps: list[StepRead]
    trigger: str
    vars_: RunsRunReadVars
    agent_id: None | str | Unset = UNSET
    conversation_id: None | str | Unset = UNSET
    pruned_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.runs_run_read_error_type_0 import RunsRunReadErrorType0  # noqa: PLC0415

        attempt_group = self.attempt_group

        created_at = self.created_at.isoformat()

        error: dict[str, Any] | None
        if isinstance(self.error, RunsRunReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

        event_seq = self.event_seq

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        flow_id: None | str
        flow_id = self.flow_id

        flow_version_id: None | str
        flow_version_id = self.flow_version_id

        id = self.id

        input_ = self.input_

        kind = self.kind

        output = self.output

        parent_node_id: None | str
        parent_node_id = self.parent_node_id

        parent_run_id: None | str
        parent_run_id = self.parent_run_id

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        trigger = self.trigger

        vars_ = self.vars_.to_dict()

        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        conversation_id: None | str | Unset
        if isinstance(self.conversation_id, Unset):
            conversation_id = UNSET
        else:
            conversation_id = self.conversation_id

        pruned_at: None | str | Unset
        if isinstance(self.pruned_at, Unset):
            pruned_at = UNSET
        elif isinstance(self.pruned_at, datetime.datetime):
            pruned_at = self.pruned_at.isoformat()
        else:
            pruned_at = self.pruned_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_group": attempt_group,
                "created_at": created_at,
                "error": error,
                "event_seq": event_seq,
                "finished_at": finished_at,
                "flow_id": flow_id,
                "flow_version_id": flow_version_id,
                "id": id,
                "input": input_,
                "kind": kind,
                "output": output,
                "parent_node_id": parent_node_id,
                "parent_run_id": parent_run_id,
                "started_at": started_at,
                "status": status,
                "steps": steps,
                "trigger": trigger,
                "vars": vars_,
            }
        )
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id
        if pruned_at is not UNSET:
            field_dict["pruned_at"] = pruned_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.runs_run_read_error_type_0 import RunsRunReadErrorType0  # noqa: PLC0415
        from ..models.runs_run_read_vars import RunsRunReadVars  # noqa: PLC0415
        from ..models.step_read import StepRead  # noqa: PLC0415

        d = dict(src_dict)
        attempt_group = d.pop("attempt_group")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> None | RunsRunReadErrorType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = RunsRunReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunsRunReadErrorType0, data)

        error = _parse_error(d.pop("error"))

        event_seq = d.pop("event_seq")

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

        def _parse_flow_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flow_id = _parse_flow_id(d.pop("flow_id"))

        def _parse_flow_version_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flow_version_id = _parse_flow_version_id(d.pop("flow_version_id"))

        id = d.pop("id")

        input_ = d.pop("input")

        kind = d.pop("kind")

        output = d.pop("output")

        def _parse_parent_node_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_node_id = _parse_parent_node_id(d.pop("parent_node_id"))

        def _parse_parent_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_run_id = _parse_parent_run_id(d.pop("parent_run_id"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        status = RunStatus(d.pop("status"))

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = StepRead.from_dict(steps_item_data)

            steps.append(steps_item)

        trigger = d.pop("trigger")

        vars_ = RunsRunReadVars.from_dict(d.pop("vars"))

        def _parse_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        def _parse_conversation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conversation_id = _parse_conversation_id(d.pop("conversation_id", UNSET))

        def _parse_pruned_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pruned_at_type_0 = datetime.datetime.fromisoformat(data)

                return pruned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        pruned_at = _parse_pruned_at(d.pop("pruned_at", UNSET))

        runs_run_read = cls(
            attempt_group=attempt_group,
            created_at=created_at,
            error=error,
            event_seq=event_seq,
            finished_at=finished_at,
            flow_id=flow_id,
            flow_version_id=flow_version_id,
            id=id,
            input_=input_,
            kind=kind,
            output=output,
            parent_node_id=parent_node_id,
            parent_run_id=parent_run_id,
            started_at=started_at,
            status=status,
            steps=steps,
            trigger=trigger,
            vars_=vars_,
            agent_id=agent_id,
            conversation_id=conversation_id,
            pruned_at=pruned_at,
        )

        runs_run_read.additional_properties = d
        return runs_run_read

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
