from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.patch_settings_patch_ui_type_1_density_type_1 import PatchSettingsPatchUiType1DensityType1
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchSettingsPatchUiType1")


@_attrs_define
class PatchSettingsPatchUiType1:
    """
    Attributes:
        density (None | PatchSettingsPatchUiType1DensityType1 | Unset):
        sidebar_collapsed (bool | None | Unset):
    """

    density: None | PatchSettingsPatchUiType1DensityType1 | Unset = UNSET
    sidebar_collapsed: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        density: None | str | Unset
        if isinstance(self.density, Unset):
            density = UNSET
        elif isinstance(self.density, PatchSettingsPatchUiType1DensityType1):
            density = self.density.value
        else:
            density = self.density

        sidebar_collapsed: bool | None | Unset
        if isinstance(self.sidebar_collapsed, Unset):
            sidebar_collapsed = UNSET
        else:
            sidebar_collapsed = self.sidebar_collapsed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if density is not UNSET:
            field_dict["density"] = density
        if sidebar_collapsed is not UNSET:
            field_dict["sidebar_collapsed"] = sidebar_collapsed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_density(data: object) -> None | PatchSettingsPatchUiType1DensityType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                density_type_1 = PatchSettingsPatchUiType1DensityType1(data)

                return density_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchUiType1DensityType1 | Unset, data)

        density = _parse_density(d.pop("density", UNSET))

        def _parse_sidebar_collapsed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sidebar_collapsed = _parse_sidebar_collapsed(d.pop("sidebar_collapsed", UNSET))

        patch_settings_patch_ui_type_1 = cls(
            density=density,
            sidebar_collapsed=sidebar_collapsed,
        )

        return patch_settings_patch_ui_type_1
