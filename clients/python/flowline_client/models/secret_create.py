from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.confirm_policy import ConfirmPolicy
from ..models.secret_kind import SecretKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretCreate")


@_attrs_define
class SecretCreate:
    """
    Attributes:
        name (str): Letters, digits, `_`, `.`, `-`; unique in the organisation.
        value (str): 1 byte to 64 KiB. Never returned.
        confirm (ConfirmPolicy | None | Unset): Whether a person confirms requests that carry this credential before
            they are sent: `never`, `writes` (POST, PUT, PATCH, DELETE) or `always`; null for no opinion. The stricter of
            this and the node's `confirm` applies.
        description (str | Unset):  Default: ''.
        header (None | str | Unset): Header name, for `api_key_header`.
        hosts (list[str] | Unset): Where the credential may be sent: host names (`api.example.com`), `*.example.com`
            patterns, IP addresses or CIDR ranges (`10.0.0.0/8`). Anywhere else it is refused. Required for every kind but
            `generic`. IPv6 addresses and ranges are taken too.
        kind (SecretKind | Unset):
        param (None | str | Unset): Query parameter, for `query`.
    """

    name: str
    value: str
    confirm: ConfirmPolicy | None | Unset = UNSET
    description: str | Unset = ""
    header: None | str | Unset = UNSET
    hosts: list[str] | Unset = UNSET
    kind: SecretKind | Unset = UNSET
    param: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        value = self.value

        confirm: None | str | Unset
        if isinstance(self.confirm, Unset):
            confirm = UNSET
        elif isinstance(self.confirm, ConfirmPolicy):
            confirm = self.confirm.value
        else:
            confirm = self.confirm

        description = self.description

        header: None | str | Unset
        if isinstance(self.header, Unset):
            header = UNSET
        else:
            header = self.header

        hosts: list[str] | Unset = UNSET
        if not isinstance(self.hosts, Unset):
            hosts = self.hosts

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "value": value,
            }
        )
        if confirm is not UNSET:
            field_dict["confirm"] = confirm
        if description is not UNSET:
            field_dict["description"] = description
        if header is not UNSET:
            field_dict["header"] = header
        if hosts is not UNSET:
            field_dict["hosts"] = hosts
        if kind is not UNSET:
            field_dict["kind"] = kind
        if param is not UNSET:
            field_dict["param"] = param

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        value = d.pop("value")

        def _parse_confirm(data: object) -> ConfirmPolicy | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirm_type_0 = ConfirmPolicy(data)

                return confirm_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConfirmPolicy | None | Unset, data)

        confirm = _parse_confirm(d.pop("confirm", UNSET))

        description = d.pop("description", UNSET)

        def _parse_header(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        header = _parse_header(d.pop("header", UNSET))

        hosts = cast(list[str], d.pop("hosts", UNSET))

        _kind = d.pop("kind", UNSET)
        kind: SecretKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = SecretKind(_kind)

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        secret_create = cls(
            name=name,
            value=value,
            confirm=confirm,
            description=description,
            header=header,
            hosts=hosts,
            kind=kind,
            param=param,
        )

        return secret_create
