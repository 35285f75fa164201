from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="McpServerCreate")


@_attrs_define
class McpServerCreate:
    """An MCP server speaking Streamable HTTP.

    Attributes:
        name (str): Lower-case letters, digits, _ and -.
        url (str): The server's endpoint: `https://…/mcp`.
        allowed_tools (list[str] | None | Unset): The server's tools agents may call; `null`: all of them.
        credential (None | str | Unset): A secret sent as the auth header (bearer, header or basic), only to a host it
            is bound to; it must be bound to the URL's host.
        description (str | Unset):  Default: ''.
        timeout_seconds (float | Unset): Per call. Default: 30.0.
    """

    name: str
    url: str
    allowed_tools: list[str] | None | Unset = UNSET
    credential: None | str | Unset = UNSET
    description: str | Unset = ""
    timeout_seconds: float | Unset = 30.0

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        url = self.url

        allowed_tools: list[str] | None | Unset
        if isinstance(self.allowed_tools, Unset):
            allowed_tools = UNSET
        elif isinstance(self.allowed_tools, list):
            allowed_tools = self.allowed_tools

        else:
            allowed_tools = self.allowed_tools

        credential: None | str | Unset
        if isinstance(self.credential, Unset):
            credential = UNSET
        else:
            credential = self.credential

        description = self.description

        timeout_seconds = self.timeout_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "url": url,
            }
        )
        if allowed_tools is not UNSET:
            field_dict["allowed_tools"] = allowed_tools
        if credential is not UNSET:
            field_dict["credential"] = credential
        if description is not UNSET:
            field_dict["description"] = description
        if timeout_seconds is not UNSET:
            field_dict["timeout_seconds"] = timeout_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        url = d.pop("url")

        def _parse_allowed_tools(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_tools_type_0 = cast(list[str], data)

                return allowed_tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_tools = _parse_allowed_tools(d.pop("allowed_tools", UNSET))

        def _parse_credential(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credential = _parse_credential(d.pop("credential", UNSET))

        description = d.pop("description", UNSET)

        timeout_seconds = d.pop("timeout_seconds", UNSET)

        mcp_server_create = cls(
            name=name,
            url=url,
            allowed_tools=allowed_tools,
            credential=credential,
            description=description,
            timeout_seconds=timeout_seconds,
        )

        return mcp_server_create
