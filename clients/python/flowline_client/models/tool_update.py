from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tool_update_approval_type_0 import ToolUpdateApprovalType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_update_config_type_0 import ToolUpdateConfigType0
    from ..models.tool_update_parameters_type_0 import ToolUpdateParametersType0


T = TypeVar("T", bound="ToolUpdate")


@_attrs_define
class ToolUpdate:
    """Only the fields sent change; ``config`` keys sent replace those stored.

    Attributes:
        approval (None | ToolUpdateApprovalType0 | Unset): `null`: the kind's default.
        config (None | ToolUpdateConfigType0 | Unset):
        description (None | str | Unset):
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        name (None | str | Unset):
        parameters (None | ToolUpdateParametersType0 | Unset): `null` goes back to the kind's default parameters.
    """

    approval: None | ToolUpdateApprovalType0 | Unset = UNSET
    config: None | ToolUpdateConfigType0 | Unset = UNSET
    description: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    parameters: None | ToolUpdateParametersType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tool_update_config_type_0 import ToolUpdateConfigType0  # noqa: PLC0415
        from ..models.tool_update_parameters_type_0 import ToolUpdateParametersType0  # noqa: PLC0415

        approval: None | str | Unset
        if isinstance(self.approval, Unset):
            approval = UNSET
        elif isinstance(self.approval, ToolUpdateApprovalType0):
            approval = self.approval.value
        else:
            approval = self.approval

        config: dict[str, Any] | None | Unset
        if isinstance(self.config, Unset):
            config = UNSET
        elif isinstance(self.config, ToolUpdateConfigType0):
            config = self.config.to_dict()
        else:
            config = self.config

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        parameters: dict[str, Any] | None | Unset
        if isinstance(self.parameters, Unset):
            parameters = UNSET
        elif isinstance(self.parameters, ToolUpdateParametersType0):
            parameters = self.parameters.to_dict()
        else:
            parameters = self.parameters

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if approval is not UNSET:
            field_dict["approval"] = approval
        if config is not UNSET:
            field_dict["config"] = config
        if description is not UNSET:
            field_dict["description"] = description
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if name is not UNSET:
            field_dict["name"] = name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_update_config_type_0 import ToolUpdateConfigType0  # noqa: PLC0415
        from ..models.tool_update_parameters_type_0 import ToolUpdateParametersType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approval(data: object) -> None | ToolUpdateApprovalType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approval_type_0 = ToolUpdateApprovalType0(data)

                return approval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolUpdateApprovalType0 | Unset, data)

        approval = _parse_approval(d.pop("approval", UNSET))

        def _parse_config(data: object) -> None | ToolUpdateConfigType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                config_type_0 = ToolUpdateConfigType0.from_dict(data)

                return config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolUpdateConfigType0 | Unset, data)

        config = _parse_config(d.pop("config", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_parameters(data: object) -> None | ToolUpdateParametersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parameters_type_0 = ToolUpdateParametersType0.from_dict(data)

                return parameters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ToolUpdateParametersType0 | Unset, data)

        parameters = _parse_parameters(d.pop("parameters", UNSET))

        tool_update = cls(
            approval=approval,
            config=config,
            description=description,
            expected_version=expected_version,
            name=name,
            parameters=parameters,
        )

        return tool_update
