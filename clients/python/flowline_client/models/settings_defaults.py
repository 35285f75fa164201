from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.settings_defaults_defaults import SettingsDefaultsDefaults
    from ..models.settings_defaults_organization import SettingsDefaultsOrganization
    from ..models.settings_defaults_schema import SettingsDefaultsSchema


T = TypeVar("T", bound="SettingsDefaults")


@_attrs_define
class SettingsDefaults:
    """
    Attributes:
        defaults (SettingsDefaultsDefaults): The platform's defaults.
        organization (SettingsDefaultsOrganization): The organisation's own defaults.
        schema (SettingsDefaultsSchema): The JSON Schema every merged view meets.
    """

    defaults: SettingsDefaultsDefaults
    organization: SettingsDefaultsOrganization
    schema: SettingsDefaultsSchema
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        defaults = self.defaults.to_dict()

        organization = self.organization.to_dict()

        schema = self.schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "defaults": defaults,
                "organization": organization,
                "schema": schema,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.settings_defaults_defaults import SettingsDefaultsDefaults  # noqa: PLC0415
        from ..models.settings_defaults_organization import SettingsDefaultsOrganization  # noqa: PLC0415
        from ..models.settings_defaults_schema import SettingsDefaultsSchema  # noqa: PLC0415

        d = dict(src_dict)
        defaults = SettingsDefaultsDefaults.from_dict(d.pop("defaults"))

        organization = SettingsDefaultsOrganization.from_dict(d.pop("organization"))

        schema = SettingsDefaultsSchema.from_dict(d.pop("schema"))

        settings_defaults = cls(
            defaults=defaults,
            organization=organization,
            schema=schema,
        )

        settings_defaults.additional_properties = d
        return settings_defaults

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
