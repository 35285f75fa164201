from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.approval_respond_decision import ApprovalRespondDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApprovalRespond")


@_attrs_define
class ApprovalRespond:
    """
    Attributes:
        decision (ApprovalRespondDecision): `approve` or `deny`.
        arguments (Any | Unset): An edited payload (or tool arguments) that replaces the one shown; it must match the
            approval's `payload_schema`. Omit it to keep the payload as it is.
        comment (None | str | Unset):
    """

    decision: ApprovalRespondDecision
    arguments: Any | Unset = UNSET
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        arguments = self.arguments

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = ApprovalRespondDecision(d.pop("decision"))

        arguments = d.pop("arguments", UNSET)

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        approval_respond = cls(
            decision=decision,
            arguments=arguments,
            comment=comment,
        )

        return approval_respond
