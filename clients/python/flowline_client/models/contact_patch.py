from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_patch_metadata_type_0 import ContactPatchMetadataType0


T = TypeVar("T", bound="ContactPatch")


@_attrs_define
class ContactPatch:
    """
    Attributes:
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        metadata (ContactPatchMetadataType0 | None | Unset): Replaces the metadata.
        name (None | str | Unset):
        opted_out (bool | None | Unset): `true` opts the contact out (sends refused), `false` back in.
    """

    expected_version: int | None | Unset = UNSET
    metadata: ContactPatchMetadataType0 | None | Unset = UNSET
    name: None | str | Unset = UNSET
    opted_out: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_patch_metadata_type_0 import ContactPatchMetadataType0  # noqa: PLC0415

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ContactPatchMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        opted_out: bool | None | Unset
        if isinstance(self.opted_out, Unset):
            opted_out = UNSET
        else:
            opted_out = self.opted_out

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if opted_out is not UNSET:
            field_dict["opted_out"] = opted_out

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_patch_metadata_type_0 import ContactPatchMetadataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_metadata(data: object) -> ContactPatchMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ContactPatchMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactPatchMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_opted_out(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        opted_out = _parse_opted_out(d.pop("opted_out", UNSET))

        contact_patch = cls(
            expected_version=expected_version,
            metadata=metadata,
            name=name,
            opted_out=opted_out,
        )

        return contact_patch
