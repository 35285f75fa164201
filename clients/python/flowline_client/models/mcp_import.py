from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.mcp_import_approval_type_0 import McpImportApprovalType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="McpImport")


@_attrs_define
class McpImport:
    """Which of the server's tools become tools of the agent.

    Attributes:
        approval (McpImportApprovalType0 | None | Unset): Each tool's policy; default `mutating`: a call needs approval
            unless the server marks the tool read-only.
        prefix (str | Unset): Put before each tool's name (`crm_`), to keep names apart. Default: ''.
        tools (list[str] | None | Unset): Default: every allowed tool.
    """

    approval: McpImportApprovalType0 | None | Unset = UNSET
    prefix: str | Unset = ""
    tools: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        approval: None | str | Unset
        if isinstance(self.approval, Unset):
            approval = UNSET
        elif isinstance(self.approval, McpImportApprovalType0):
            approval = self.approval.value
        else:
            approval = self.approval

        prefix = self.prefix

        tools: list[str] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = self.tools

        else:
            tools = self.tools

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if approval is not UNSET:
            field_dict["approval"] = approval
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_approval(data: object) -> McpImportApprovalType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approval_type_0 = McpImportApprovalType0(data)

                return approval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(McpImportApprovalType0 | None | Unset, data)

        approval = _parse_approval(d.pop("approval", UNSET))

        prefix = d.pop("prefix", UNSET)

        def _parse_tools(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = cast(list[str], data)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tools = _parse_tools(d.pop("tools", UNSET))

        mcp_import = cls(
            approval=approval,
            prefix=prefix,
            tools=tools,
        )

        return mcp_import
