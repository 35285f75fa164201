from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UseCaseRead")


@_attrs_define
class UseCaseRead:
    """
    Attributes:
        description (str):
        effective_model (str): What it calls now (the default if unmapped).
        id (str):
        model (None | str): The model mapped to it, if any.
    """

    description: str
    effective_model: str
    id: str
    model: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        effective_model = self.effective_model

        id = self.id

        model: None | str
        model = self.model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "effective_model": effective_model,
                "id": id,
                "model": model,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        effective_model = d.pop("effective_model")

        id = d.pop("id")

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        use_case_read = cls(
            description=description,
            effective_model=effective_model,
            id=id,
            model=model,
        )

        use_case_read.additional_properties = d
        return use_case_read

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
