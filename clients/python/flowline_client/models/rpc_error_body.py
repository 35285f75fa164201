from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rpc_error import RpcError


T = TypeVar("T", bound="RpcErrorBody")


@_attrs_define
class RpcErrorBody:
    """A JSON-RPC error answer (a body that is not JSON: ``-32700``; not a JSON-RPC
    request: ``-32600``).

        Attributes:
            error (RpcError):
            jsonrpc (str):
            id (Any | Unset):
    """

    error: RpcError
    jsonrpc: str
    id: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        jsonrpc = self.jsonrpc

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "jsonrpc": jsonrpc,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rpc_error import RpcError  # noqa: PLC0415

        d = dict(src_dict)
        error = RpcError.from_dict(d.pop("error"))

        jsonrpc = d.pop("jsonrpc")

        id = d.pop("id", UNSET)

        rpc_error_body = cls(
            error=error,
            jsonrpc=jsonrpc,
            id=id,
        )

        rpc_error_body.additional_properties = d
        return rpc_error_body

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
