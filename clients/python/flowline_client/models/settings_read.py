from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.settings_read_scope import SettingsReadScope

if TYPE_CHECKING:
    from ..models.settings_read_overrides import SettingsReadOverrides
    from ..models.settings_read_settings import SettingsReadSettings


T = TypeVar("T", bound="SettingsRead")


@_attrs_define
class SettingsRead:
    """
    Attributes:
        overrides (SettingsReadOverrides): What this layer (the user's, or the organisation's) sets itself.
        scope (SettingsReadScope):
        settings (SettingsReadSettings): Platform defaults, then the organisation's, then the user's (merged).
        version (int): This layer's version; 0 before its first change.
    """

    overrides: SettingsReadOverrides
    scope: SettingsReadScope
    settings: SettingsReadSettings
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        overrides = self.overrides.to_dict()

        scope = self.scope.value

        settings = self.settings.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "overrides": overrides,
                "scope": scope,
                "settings": settings,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.settings_read_overrides import SettingsReadOverrides  # noqa: PLC0415
        from ..models.settings_read_settings import SettingsReadSettings  # noqa: PLC0415

        d = dict(src_dict)
        overrides = SettingsReadOverrides.from_dict(d.pop("overrides"))

        scope = SettingsReadScope(d.pop("scope"))

        settings = SettingsReadSettings.from_dict(d.pop("settings"))

        version = d.pop("version")

        settings_read = cls(
            overrides=overrides,
            scope=scope,
            settings=settings,
            version=version,
        )

        settings_read.additional_properties = d
        return settings_read

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
