from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.run_approve_decision import RunApproveDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="RunApprove")


@_attrs_define
class RunApprove:
    """
    Attributes:
        arguments (Any | Unset): An edited payload (or tool arguments) that replaces the one shown; it must match the
            approval's `payload_schema`. Omit it to keep the payload as it is.
        comment (None | str | Unset):
        decision (RunApproveDecision | Unset): `approve` (default) or `deny`. Default: RunApproveDecision.APPROVE.
    """

    arguments: Any | Unset = UNSET
    comment: None | str | Unset = UNSET
    decision: RunApproveDecision | Unset = RunApproveDecision.APPROVE

    def to_dict(self) -> dict[str, Any]:
        arguments = self.arguments

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        decision: str | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if comment is not UNSET:
            field_dict["comment"] = comment
        if decision is not UNSET:
            field_dict["decision"] = decision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arguments = d.pop("arguments", UNSET)

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        _decision = d.pop("decision", UNSET)
        decision: RunApproveDecision | Unset
        if isinstance(_decision, Unset):
            decision = UNSET
        else:
            decision = RunApproveDecision(_decision)

        run_approve = cls(
            arguments=arguments,
            comment=comment,
            decision=decision,
        )

        return run_approve
