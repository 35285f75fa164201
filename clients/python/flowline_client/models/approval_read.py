from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.approval_read_kind import ApprovalReadKind
from ..models.approval_read_on_timeout import ApprovalReadOnTimeout
from ..models.approval_status import ApprovalStatus

if TYPE_CHECKING:
    from ..models.approval_read_payload_schema_type_0 import ApprovalReadPayloadSchemaType0


T = TypeVar("T", bound="ApprovalRead")


@_attrs_define
class ApprovalRead:
    """
    Attributes:
        arguments (Any): The edited payload the approver sent, if any.
        assignees (list[str]): User ids who may answer.
        comment (None | str):
        created_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        decided_by_id (None | str):
        description (None | str):
        expires_at (datetime.datetime | None):
        flow_id (None | str):
        group_id (None | str): Members of this group may answer too.
        id (str):
        kind (ApprovalReadKind): `flow` (an approval step) or `tool`.
        node_id (None | str):
        on_timeout (ApprovalReadOnTimeout):
        payload (Any): What the approver is asked about.
        payload_schema (ApprovalReadPayloadSchemaType0 | None): Edited `arguments` must match it.
        run_id (None | str):
        status (ApprovalStatus):
        step_id (None | str):
        title (str):
        tool_id (None | str): The agent tool this approval gates (`tool` kind).
    """

    arguments: Any
    assignees: list[str]
    comment: None | str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decided_by_id: None | str
    description: None | str
    expires_at: datetime.datetime | None
    flow_id: None | str
    group_id: None | str
    id: str
    kind: ApprovalReadKind
    node_id: None | str
    on_timeout: ApprovalReadOnTimeout
    payload: Any
    payload_schema: ApprovalReadPayloadSchemaType0 | None
    run_id: None | str
    status: ApprovalStatus
    step_id: None | str
    title: str
    tool_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.approval_read_payload_schema_type_0 import ApprovalReadPayloadSchemaType0  # noqa: PLC0415

        arguments = self.arguments

        assignees = self.assignees

        comment: None | str
        comment = self.comment

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by_id: None | str
        decided_by_id = self.decided_by_id

        description: None | str
        description = self.description

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        flow_id: None | str
        flow_id = self.flow_id

        group_id: None | str
        group_id = self.group_id

        id = self.id

        kind = self.kind.value

        node_id: None | str
        node_id = self.node_id

        on_timeout = self.on_timeout.value

        payload = self.payload

        payload_schema: dict[str, Any] | None
        if isinstance(self.payload_schema, ApprovalReadPayloadSchemaType0):
            payload_schema = self.payload_schema.to_dict()
        else:
            payload_schema = self.payload_schema

        run_id: None | str
        run_id = self.run_id

        status = self.status.value

        step_id: None | str
        step_id = self.step_id

        title = self.title

        tool_id: None | str
        tool_id = self.tool_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arguments": arguments,
                "assignees": assignees,
                "comment": comment,
                "created_at": created_at,
                "decided_at": decided_at,
                "decided_by_id": decided_by_id,
                "description": description,
                "expires_at": expires_at,
                "flow_id": flow_id,
                "group_id": group_id,
                "id": id,
                "kind": kind,
                "node_id": node_id,
                "on_timeout": on_timeout,
                "payload": payload,
                "payload_schema": payload_schema,
                "run_id": run_id,
                "status": status,
                "step_id": step_id,
                "title": title,
                "tool_id": tool_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approval_read_payload_schema_type_0 import ApprovalReadPayloadSchemaType0  # noqa: PLC0415

        d = dict(src_dict)
        arguments = d.pop("arguments")

        assignees = cast(list[str], d.pop("assignees"))

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        def _parse_flow_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flow_id = _parse_flow_id(d.pop("flow_id"))

        def _parse_group_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        group_id = _parse_group_id(d.pop("group_id"))

        id = d.pop("id")

        kind = ApprovalReadKind(d.pop("kind"))

        def _parse_node_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        node_id = _parse_node_id(d.pop("node_id"))

        on_timeout = ApprovalReadOnTimeout(d.pop("on_timeout"))

        payload = d.pop("payload")

        def _parse_payload_schema(data: object) -> ApprovalReadPayloadSchemaType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_schema_type_0 = ApprovalReadPayloadSchemaType0.from_dict(data)

                return payload_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApprovalReadPayloadSchemaType0 | None, data)

        payload_schema = _parse_payload_schema(d.pop("payload_schema"))

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        status = ApprovalStatus(d.pop("status"))

        def _parse_step_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        step_id = _parse_step_id(d.pop("step_id"))

        title = d.pop("title")

        def _parse_tool_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tool_id = _parse_tool_id(d.pop("tool_id"))

        approval_read = cls(
            arguments=arguments,
            assignees=assignees,
            comment=comment,
            created_at=created_at,
            decided_at=decided_at,
            decided_by_id=decided_by_id,
            description=description,
            expires_at=expires_at,
            flow_id=flow_id,
            group_id=group_id,
            id=id,
            kind=kind,
            node_id=node_id,
            on_timeout=on_timeout,
            payload=payload,
            payload_schema=payload_schema,
            run_id=run_id,
            status=status,
            step_id=step_id,
            title=title,
            tool_id=tool_id,
        )

        approval_read.additional_properties = d
        return approval_read

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
