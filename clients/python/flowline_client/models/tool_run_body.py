from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_run_body_arguments import ToolRunBodyArguments


T = TypeVar("T", bound="ToolRunBody")


@_attrs_define
class ToolRunBody:
    """
    Attributes:
        arguments (ToolRunBodyArguments | Unset):
        confirmed (bool | Unset): A call whose approval policy asks for a person (an HTTP write, by default) runs only
            with `confirmed: true`; without it the answer is 409 showing the request. Default: False.
    """

    arguments: ToolRunBodyArguments | Unset = UNSET
    confirmed: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        arguments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.arguments, Unset):
            arguments = self.arguments.to_dict()

        confirmed = self.confirmed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if confirmed is not UNSET:
            field_dict["confirmed"] = confirmed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_run_body_arguments import ToolRunBodyArguments  # noqa: PLC0415

        d = dict(src_dict)
        _arguments = d.pop("arguments", UNSET)
        arguments: ToolRunBodyArguments | Unset
        if isinstance(_arguments, Unset):
            arguments = UNSET
        else:
            arguments = ToolRunBodyArguments.from_dict(_arguments)

        confirmed = d.pop("confirmed", UNSET)

        tool_run_body = cls(
            arguments=arguments,
            confirmed=confirmed,
        )

        return tool_run_body
