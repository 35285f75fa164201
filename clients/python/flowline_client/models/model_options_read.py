from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_read import ModelRead
    from ..models.use_case_read import UseCaseRead


T = TypeVar("T", bound="ModelOptionsRead")


@_attrs_define
class ModelOptionsRead:
    """
    Attributes:
        default_model (str):
        models (list[ModelRead]):
        use_cases (list[UseCaseRead]):
    """

    default_model: str
    models: list[ModelRead]
    use_cases: list[UseCaseRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_model = self.default_model

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        use_cases = []
        for use_cases_item_data in self.use_cases:
            use_cases_item = use_cases_item_data.to_dict()
            use_cases.append(use_cases_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "default_model": default_model,
                "models": models,
                "use_cases": use_cases,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_read import ModelRead  # noqa: PLC0415
        from ..models.use_case_read import UseCaseRead  # noqa: PLC0415

        d = dict(src_dict)
        default_model = d.pop("default_model")

        models = []
        _models = d.pop("models")
        for models_item_data in _models:
            models_item = ModelRead.from_dict(models_item_data)

            models.append(models_item)

        use_cases = []
        _use_cases = d.pop("use_cases")
        for use_cases_item_data in _use_cases:
            use_cases_item = UseCaseRead.from_dict(use_cases_item_data)

            use_cases.append(use_cases_item)

        model_options_read = cls(
            default_model=default_model,
            models=models,
            use_cases=use_cases,
        )

        model_options_read.additional_properties = d
        return model_options_read

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
