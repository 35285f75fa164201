from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.confirm_policy import ConfirmPolicy
from ..models.secret_kind import SecretKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretUpdate")


@_attrs_define
class SecretUpdate:
    """Omitted fields keep their value; ``value`` replaces the secret itself.

    Attributes:
        confirm (ConfirmPolicy | None | Unset): Whether a person confirms requests that carry this credential before
            they are sent: `never`, `writes` (POST, PUT, PATCH, DELETE) or `always`; null for no opinion. The stricter of
            this and the node's `confirm` applies. Send null to clear it.
        description (None | str | Unset):
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        header (None | str | Unset):
        hosts (list[str] | None | Unset): Where the credential may be sent: host names (`api.example.com`),
            `*.example.com` patterns, IP addresses or CIDR ranges (`10.0.0.0/8`). Anywhere else it is refused. Required for
            every kind but `generic`. IPv6 addresses and ranges are taken too.
        kind (None | SecretKind | Unset):
        param (None | str | Unset):
        value (None | str | Unset): A new value (1 byte to 64 KiB). Never returned.
    """

    confirm: ConfirmPolicy | None | Unset = UNSET
    description: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    header: None | str | Unset = UNSET
    hosts: list[str] | None | Unset = UNSET
    kind: None | SecretKind | Unset = UNSET
    param: None | str | Unset = UNSET
    value: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        confirm: None | str | Unset
        if isinstance(self.confirm, Unset):
            confirm = UNSET
        elif isinstance(self.confirm, ConfirmPolicy):
            confirm = self.confirm.value
        else:
            confirm = self.confirm

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

        header: None | str | Unset
        if isinstance(self.header, Unset):
            header = UNSET
        else:
            header = self.header

        hosts: list[str] | None | Unset
        if isinstance(self.hosts, Unset):
            hosts = UNSET
        elif isinstance(self.hosts, list):
            hosts = self.hosts

        else:
            hosts = self.hosts

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, SecretKind):
            kind = self.kind.value
        else:
            kind = self.kind

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if confirm is not UNSET:
            field_dict["confirm"] = confirm
        if description is not UNSET:
            field_dict["description"] = description
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if header is not UNSET:
            field_dict["header"] = header
        if hosts is not UNSET:
            field_dict["hosts"] = hosts
        if kind is not UNSET:
            field_dict["kind"] = kind
        if param is not UNSET:
            field_dict["param"] = param
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_header(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        header = _parse_header(d.pop("header", UNSET))

        def _parse_hosts(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                hosts_type_0 = cast(list[str], data)

                return hosts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        hosts = _parse_hosts(d.pop("hosts", UNSET))

        def _parse_kind(data: object) -> None | SecretKind | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = SecretKind(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SecretKind | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_param(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        param = _parse_param(d.pop("param", UNSET))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        secret_update = cls(
            confirm=confirm,
            description=description,
            expected_version=expected_version,
            header=header,
            hosts=hosts,
            kind=kind,
            param=param,
            value=value,
        )

        return secret_update
