from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.tool_approval_body_policy import ToolApprovalBodyPolicy

T = TypeVar("T", bound="ToolApprovalBody")


@_attrs_define
class ToolApprovalBody:
    """
    Attributes:
        policy (ToolApprovalBodyPolicy):
    """

    policy: ToolApprovalBodyPolicy

    def to_dict(self) -> dict[str, Any]:
        policy = self.policy.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "policy": policy,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        policy = ToolApprovalBodyPolicy(d.pop("policy"))

        tool_approval_body = cls(
            policy=policy,
        )

        return tool_approval_body
