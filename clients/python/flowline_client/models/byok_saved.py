from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.byok_saved_use_case_models import ByokSavedUseCaseModels
    from ..models.llm_provider_read import LlmProviderRead


T = TypeVar("T", bound="ByokSaved")


@_attrs_define
class ByokSaved:
    """
    Attributes:
        created (bool): Whether a new provider was made (else replaced).
        provider (LlmProviderRead):
        use_case_models (ByokSavedUseCaseModels):
    """

    created: bool
    provider: LlmProviderRead
    use_case_models: ByokSavedUseCaseModels
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        provider = self.provider.to_dict()

        use_case_models = self.use_case_models.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "provider": provider,
                "use_case_models": use_case_models,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.byok_saved_use_case_models import ByokSavedUseCaseModels  # noqa: PLC0415
        from ..models.llm_provider_read import LlmProviderRead  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        provider = LlmProviderRead.from_dict(d.pop("provider"))

        use_case_models = ByokSavedUseCaseModels.from_dict(d.pop("use_case_models"))

        byok_saved = cls(
            created=created,
            provider=provider,
            use_case_models=use_case_models,
        )

        byok_saved.additional_properties = d
        return byok_saved

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
