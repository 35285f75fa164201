from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.llm_config_update_mode_type_0 import LlmConfigUpdateModeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.llm_config_update_price_overrides_type_0 import LlmConfigUpdatePriceOverridesType0


T = TypeVar("T", bound="LlmConfigUpdate")


@_attrs_define
class LlmConfigUpdate:
    """Omitted fields keep their value; ``default_model: null`` clears it.

    Attributes:
        default_model (None | str | Unset): Used where no model is named (`flowline/echo` otherwise).
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        mode (LlmConfigUpdateModeType0 | None | Unset): `platform`: the instance's provider (`FLOWLINE_LLM_*`); `byok`:
            this organisation's own providers and keys.
        price_overrides (LlmConfigUpdatePriceOverridesType0 | None | Unset): Replaces the whole map: model id to its
            prices and capabilities.
    """

    default_model: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    mode: LlmConfigUpdateModeType0 | None | Unset = UNSET
    price_overrides: LlmConfigUpdatePriceOverridesType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.llm_config_update_price_overrides_type_0 import LlmConfigUpdatePriceOverridesType0  # noqa: PLC0415

        default_model: None | str | Unset
        if isinstance(self.default_model, Unset):
            default_model = UNSET
        else:
            default_model = self.default_model

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, LlmConfigUpdateModeType0):
            mode = self.mode.value
        else:
            mode = self.mode

        price_overrides: dict[str, Any] | None | Unset
        if isinstance(self.price_overrides, Unset):
            price_overrides = UNSET
        elif isinstance(self.price_overrides, LlmConfigUpdatePriceOverridesType0):
            price_overrides = self.price_overrides.to_dict()
        else:
            price_overrides = self.price_overrides

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if default_model is not UNSET:
            field_dict["default_model"] = default_model
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if mode is not UNSET:
            field_dict["mode"] = mode
        if price_overrides is not UNSET:
            field_dict["price_overrides"] = price_overrides

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.llm_config_update_price_overrides_type_0 import LlmConfigUpdatePriceOverridesType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_default_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_model = _parse_default_model(d.pop("default_model", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_mode(data: object) -> LlmConfigUpdateModeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = LlmConfigUpdateModeType0(data)

                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LlmConfigUpdateModeType0 | None | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        def _parse_price_overrides(data: object) -> LlmConfigUpdatePriceOverridesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                price_overrides_type_0 = LlmConfigUpdatePriceOverridesType0.from_dict(data)

                return price_overrides_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LlmConfigUpdatePriceOverridesType0 | None | Unset, data)

        price_overrides = _parse_price_overrides(d.pop("price_overrides", UNSET))

        llm_config_update = cls(
            default_model=default_model,
            expected_version=expected_version,
            mode=mode,
            price_overrides=price_overrides,
        )

        return llm_config_update
