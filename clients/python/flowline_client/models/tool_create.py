from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tool_create_approval_type_0 import ToolCreateApprovalType0
from ..models.tool_create_kind import ToolCreateKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_create_config import ToolCreateConfig
    from ..models.tool_create_parameters_type_0 import ToolCreateParametersType0


T = TypeVar("T", bound="ToolCreate")


@_attrs_define
class ToolCreate:
    """A tool definition; ``parameters`` default to what the kind knows (the URL's
    placeholders, the flow's ``input_schema``, ``{task}`` for sub-agents).

        Attributes:
            kind (ToolCreateKind):
            name (str): Letters, digits, _ or -.
            approval (None | ToolCreateApprovalType0 | Unset): `never`, `always` or `mutating`; default the kind's
                (`mutating` for http).
            config (ToolCreateConfig | Unset): The kind's settings. `http`: `{method, url, headers?, query?, credential?,
                timeout_seconds?, attempts?, idempotency_key?}`; `flow`: `{flow, timeout_seconds?}`; `agent`: `{agent_id}` (a
                sub-agent of this agent); `mcp`: `{server, tool, read_only?}` (a registered MCP server's tool); `builtin`: `{}`.
            description (str | Unset):  Default: ''.
            parameters (None | ToolCreateParametersType0 | Unset): JSON Schema of the arguments (an object); an HTTP tool's
                URL or header placeholder it does not name is added as a required string.
    """

    kind: ToolCreateKind
    name: str
    approval: None | ToolCreateApprovalType0 | Unset = UNSET
    config: ToolCreateConfig | Unset = UNSET
    description: str | Unset = ""
    parameters: None | ToolCreateParametersType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_create_parameters_type_0 import ToolCreateParametersType0  # noqa: PLC0415

        kind = self.kind.value

        name = self.name

        approval: None | str | Unset
        if isinstance(self.approval, Unset):
            approval = UNSET
        elif isinstance(self.approval, ToolCreateApprovalType0):
            approval = self.approval.value
        else:
            approval = self.approval

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        description = self.description

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, ToolCreateParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if approval is not UNSET:
            field_dict["approval"] = approval
        if config is not UNSET:
            field_dict["config"] = config
        if description is not UNSET:
            field_dict["description"] = description
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_create_config import ToolCreateConfig  # noqa: PLC0415
        from ..models.tool_create_parameters_type_0 import ToolCreateParametersType0  # noqa: PLC0415

        d = dict(src_dict)
        kind = ToolCreateKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_approval(data: object) -> None | ToolCreateApprovalType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approval_type_0 = ToolCreateApprovalType0(data)

                return approval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolCreateApprovalType0 | Unset, data)

        approval = _parse_approval(d.pop("approval", UNSET))

        _config = d.pop("config", UNSET)
        config: ToolCreateConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ToolCreateConfig.from_dict(_config)

        description = d.pop("description", UNSET)

        def _parse_parameters(data: object) -> None | ToolCreateParametersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = ToolCreateParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolCreateParametersType0 | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        tool_create = cls(
            kind=kind,
            name=name,
            approval=approval,
            config=config,
            description=description,
            parameters=parameters,
        )

        return tool_create
