from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.byok_save_provider import ByokSaveProvider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.byok_save_use_cases import ByokSaveUseCases


T = TypeVar("T", bound="ByokSave")


@_attrs_define
class ByokSave:
    """
    Attributes:
        api_key (str): At least 8 characters of printable ASCII without spaces (an HTTP header carries it); anything
            else is 422. Encrypted at rest, never returned.
        provider (ByokSaveProvider): `openai`, `anthropic` or `openai_compatible`.
        base_url (None | str | Unset):
        default_model (None | str | Unset): This provider's model used by default.
        models (list[str] | Unset): The allow-list: model names it serves, beside the shipped ones.
        name (None | str | Unset): The provider's name (models are `<name>/<model>`); defaults to `provider`. Saving a
            name again replaces that provider's key and policy.
        use_cases (ByokSaveUseCases | Unset): Backend use case to model id (`email_draft` → `openai/gpt-4o-mini`).
    """

    api_key: str
    provider: ByokSaveProvider
    base_url: None | str | Unset = UNSET
    default_model: None | str | Unset = UNSET
    models: list[str] | Unset = UNSET
    name: None | str | Unset = UNSET
    use_cases: ByokSaveUseCases | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        provider = self.provider.value

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        default_model: None | str | Unset
        if isinstance(self.default_model, Unset):
            default_model = UNSET
        else:
            default_model = self.default_model

        models: list[str] | Unset = UNSET
        if not isinstance(self.models, Unset):
            models = self.models

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        use_cases: dict[str, Any] | Unset = UNSET
        if not isinstance(self.use_cases, Unset):
            use_cases = self.use_cases.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "api_key": api_key,
                "provider": provider,
            }
        )
        if base_url is not UNSET:
            field_dict["base_url"] = base_url
        if default_model is not UNSET:
            field_dict["default_model"] = default_model
        if models is not UNSET:
            field_dict["models"] = models
        if name is not UNSET:
            field_dict["name"] = name
        if use_cases is not UNSET:
            field_dict["use_cases"] = use_cases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.byok_save_use_cases import ByokSaveUseCases  # noqa: PLC0415

        d = dict(src_dict)
        api_key = d.pop("api_key")

        provider = ByokSaveProvider(d.pop("provider"))

        def _parse_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base_url = _parse_base_url(d.pop("base_url", UNSET))

        def _parse_default_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_model = _parse_default_model(d.pop("default_model", UNSET))

        models = cast(list[str], d.pop("models", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _use_cases = d.pop("use_cases", UNSET)
        use_cases: ByokSaveUseCases | Unset
        if isinstance(_use_cases, Unset):
            use_cases = UNSET
        else:
            use_cases = ByokSaveUseCases.from_dict(_use_cases)

        byok_save = cls(
            api_key=api_key,
            provider=provider,
            base_url=base_url,
            default_model=default_model,
            models=models,
            name=name,
            use_cases=use_cases,
        )

        return byok_save
