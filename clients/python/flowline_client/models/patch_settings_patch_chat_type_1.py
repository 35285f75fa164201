from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchSettingsPatchChatType1")


@_attrs_define
class PatchSettingsPatchChatType1:
    """
    Attributes:
        default_agent_id (None | str | Unset):
        show_tool_calls (bool | None | Unset):
        stream (bool | None | Unset):
    """

    default_agent_id: None | str | Unset = UNSET
    show_tool_calls: bool | None | Unset = UNSET
    stream: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        default_agent_id: None | str | Unset
        if isinstance(self.default_agent_id, Unset):
            default_agent_id = UNSET
        else:
            default_agent_id = self.default_agent_id

        show_tool_calls: bool | None | Unset
        if isinstance(self.show_tool_calls, Unset):
            show_tool_calls = UNSET
        else:
            show_tool_calls = self.show_tool_calls

        stream: bool | None | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if default_agent_id is not UNSET:
            field_dict["default_agent_id"] = default_agent_id
        if show_tool_calls is not UNSET:
            field_dict["show_tool_calls"] = show_tool_calls
        if stream is not UNSET:
            field_dict["stream"] = stream

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_default_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_agent_id = _parse_default_agent_id(d.pop("default_agent_id", UNSET))

        def _parse_show_tool_calls(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        show_tool_calls = _parse_show_tool_calls(d.pop("show_tool_calls", UNSET))

        def _parse_stream(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stream = _parse_stream(d.pop("stream", UNSET))

        patch_settings_patch_chat_type_1 = cls(
            default_agent_id=default_agent_id,
            show_tool_calls=show_tool_calls,
            stream=stream,
        )

        return patch_settings_patch_chat_type_1
