from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.llm_config_read_mode import LlmConfigReadMode

if TYPE_CHECKING:
    from ..models.llm_config_read_price_overrides import LlmConfigReadPriceOverrides
    from ..models.llm_provider_read import LlmProviderRead
    from ..models.platform_read import PlatformRead


T = TypeVar("T", bound="LlmConfigRead")


@_attrs_define
class LlmConfigRead:
    """
    Attributes:
        default_model (None | str): This organisation's choice, if any.
        effective_default_model (str): What a call naming no model uses.
        mode (LlmConfigReadMode):
        platform (PlatformRead):
        price_overrides (LlmConfigReadPriceOverrides):
        providers (list[LlmProviderRead]):
        version (int):
    """

    default_model: None | str
    effective_default_model: str
    mode: LlmConfigReadMode
    platform: PlatformRead
    price_overrides: LlmConfigReadPriceOverrides
    providers: list[LlmProviderRead]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_model: None | str
        default_model = self.default_model

        effective_default_model = self.effective_default_model

        mode = self.mode.value

        platform = self.platform.to_dict()

        price_overrides = self.price_overrides.to_dict()

        providers = []
        for providers_item_data in self.providers:
            providers_item = providers_item_data.to_dict()
            providers.append(providers_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "default_model": default_model,
                "effective_default_model": effective_default_model,
                "mode": mode,
                "platform": platform,
                "price_overrides": price_overrides,
                "providers": providers,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.llm_config_read_price_overrides import LlmConfigReadPriceOverrides  # noqa: PLC0415
        from ..models.llm_provider_read import LlmProviderRead  # noqa: PLC0415
        from ..models.platform_read import PlatformRead  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_default_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        default_model = _parse_default_model(d.pop("default_model"))

        effective_default_model = d.pop("effective_default_model")

        mode = LlmConfigReadMode(d.pop("mode"))

        platform = PlatformRead.from_dict(d.pop("platform"))

        price_overrides = LlmConfigReadPriceOverrides.from_dict(d.pop("price_overrides"))

        providers = []
        _providers = d.pop("providers")
        for providers_item_data in _providers:
            providers_item = LlmProviderRead.from_dict(providers_item_data)

            providers.append(providers_item)

        version = d.pop("version")

        llm_config_read = cls(
            default_model=default_model,
            effective_default_model=effective_default_model,
            mode=mode,
            platform=platform,
            price_overrides=price_overrides,
            providers=providers,
            version=version,
        )

        llm_config_read.additional_properties = d
        return llm_config_read

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
