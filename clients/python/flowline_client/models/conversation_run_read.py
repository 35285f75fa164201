from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_run_read_error_type_0 import ConversationRunReadErrorType0


T = TypeVar("T", bound="ConversationRunRead")


@_attrs_define
class ConversationRunRead:
    """
    Attributes:
        cost (float):
        created_at (datetime.datetime):
        error (ConversationRunReadErrorType0 | None):
        finished_at (datetime.datetime | None):
        flow_id (None | str): The flow (`null` for an agent's chat turn).
        flow_version_id (None | str): The definition the run executes, pinned at start (`null` for a chat turn).
        id (str):
        input_tokens (int):
        kind (str): `flow`, or `agent` for an agent's chat turn.
        model_calls (int):
        output_tokens (int):
        parent_run_id (None | str): The run that started this one as a subflow.
        started_at (datetime.datetime | None):
        status (RunStatus):
        trigger (str): What started the run: `api`, `schedule`, `webhook`, ….
        agent_id (None | str | Unset): The agent of a chat turn.
        conversation_id (None | str | Unset): The chat turn's thread.
    """

    cost: float
    created_at: datetime.datetime
    error: ConversationRunReadErrorType0 | None
    finished_at: datetime.datetime | None
    flow_id: None | str
    flow_version_id: None | str
    id: str
    input_tokens: int
    kind: str
    model_calls: int
    output_tokens: int
    parent_run_id: None | str
    started_at: datetime.datetime | None
    status: RunStatus
    trigger: str
    agent_id: None | str | Unset = UNSET
    conversation_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_run_read_error_type_0 import ConversationRunReadErrorType0  # noqa: PLC0415

        cost = self.cost

        created_at = self.created_at.isoformat()

        error: dict[str, Any] | None
        if isinstance(self.error, ConversationRunReadErrorType0):
            error = self.error.to_dict()
        else:
            error = self.error

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

        input_tokens = self.input_tokens

        kind = self.kind

        model_calls = self.model_calls

        output_tokens = self.output_tokens

        parent_run_id: None | str
        parent_run_id = self.parent_run_id

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value

        trigger = self.trigger

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "created_at": created_at,
                "error": error,
                "finished_at": finished_at,
                "flow_id": flow_id,
                "flow_version_id": flow_version_id,
                "id": id,
                "input_tokens": input_tokens,
                "kind": kind,
                "model_calls": model_calls,
                "output_tokens": output_tokens,
                "parent_run_id": parent_run_id,
                "started_at": started_at,
                "status": status,
                "trigger": trigger,
            }
        )
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if conversation_id is not UNSET:
            field_dict["conversation_id"] = conversation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.conversation_run_read_error_type_0 import ConversationRunReadErrorType0  # noqa: PLC0415

        d = dict(src_dict)
        cost = d.pop("cost")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> ConversationRunReadErrorType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ConversationRunReadErrorType0.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationRunReadErrorType0 | None, data)

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

        input_tokens = d.pop("input_tokens")

        kind = d.pop("kind")

        model_calls = d.pop("model_calls")

        output_tokens = d.pop("output_tokens")

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

        trigger = d.pop("trigger")

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

        conversation_run_read = cls(
            cost=cost,
            created_at=created_at,
            error=error,
            finished_at=finished_at,
            flow_id=flow_id,
            flow_version_id=flow_version_id,
            id=id,
            input_tokens=input_tokens,
            kind=kind,
            model_calls=model_calls,
            output_tokens=output_tokens,
            parent_run_id=parent_run_id,
            started_at=started_at,
            status=status,
            trigger=trigger,
            agent_id=agent_id,
            conversation_id=conversation_id,
        )

        conversation_run_read.additional_properties = d
        return conversation_run_read

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
