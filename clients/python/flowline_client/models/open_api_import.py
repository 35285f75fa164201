from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.open_api_import_approval_type_0 import OpenApiImportApprovalType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.open_api_import_openapi import OpenApiImportOpenapi


T = TypeVar("T", bound="OpenApiImport")


@_attrs_define
class OpenApiImport:
    """One ``http`` tool per operation of an OpenAPI 3 document.

    Attributes:
        openapi (OpenApiImportOpenapi): The OpenAPI 3.x document, as JSON: its `openapi` version and its `paths` are
            read, and its first absolute (`http://`, `https://`) server URL unless `base_url` is given.
        approval (None | OpenApiImportApprovalType0 | Unset):
        base_url (None | str | Unset): Instead of the document's first absolute server URL.
        credential (None | str | Unset): A secret every tool sends.
        operations (list[str] | None | Unset): The operationIds to import; default all. One the document does not have
            is in `skipped`.
    """

    openapi: OpenApiImportOpenapi
    approval: None | OpenApiImportApprovalType0 | Unset = UNSET
    base_url: None | str | Unset = UNSET
    credential: None | str | Unset = UNSET
    operations: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        openapi = self.openapi.to_dict()

        approval: None | str | Unset
        if isinstance(self.approval, Unset):
            approval = UNSET
        elif isinstance(self.approval, OpenApiImportApprovalType0):
            approval = self.approval.value
        else:
            approval = self.approval

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        credential: None | str | Unset
        if isinstance(self.credential, Unset):
            credential = UNSET
        else:
            credential = self.credential

        operations: list[str] | None | Unset
        if isinstance(self.operations, Unset):
            operations = UNSET
        elif isinstance(self.operations, list):
            operations = self.operations

        else:
            operations = self.operations

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "openapi": openapi,
            }
        )
        if approval is not UNSET:
            field_dict["approval"] = approval
        if base_url is not UNSET:
            field_dict["base_url"] = base_url
        if credential is not UNSET:
            field_dict["credential"] = credential
        if operations is not UNSET:
            field_dict["operations"] = operations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_api_import_openapi import OpenApiImportOpenapi  # noqa: PLC0415

        d = dict(src_dict)
        openapi = OpenApiImportOpenapi.from_dict(d.pop("openapi"))

        def _parse_approval(data: object) -> None | OpenApiImportApprovalType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approval_type_0 = OpenApiImportApprovalType0(data)

                return approval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OpenApiImportApprovalType0 | Unset, data)

        approval = _parse_approval(d.pop("approval", UNSET))

        def _parse_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base_url = _parse_base_url(d.pop("base_url", UNSET))

        def _parse_credential(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        credential = _parse_credential(d.pop("credential", UNSET))

        def _parse_operations(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                operations_type_0 = cast(list[str], data)

                return operations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        operations = _parse_operations(d.pop("operations", UNSET))

        open_api_import = cls(
            openapi=openapi,
            approval=approval,
            base_url=base_url,
            credential=credential,
            operations=operations,
        )

        return open_api_import
