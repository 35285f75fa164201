from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.llm_provider_create_kind import LlmProviderCreateKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="LlmProviderCreate")


@_attrs_define
class LlmProviderCreate:
    """
    Attributes:
        kind (LlmProviderCreateKind): `openai` (api.openai.com unless `base_url`), `anthropic`, or `openai_compatible`
            (Ollama, vLLM, llama.cpp, OpenRouter, … at `base_url`).
        name (str): Its models are called `<name>/<model>` (`openai/gpt-4o-mini`).
        api_key (None | str | Unset): Encrypted at rest; never returned. Printable ASCII without spaces (a header
            carries it).
        base_url (None | str | Unset): The API's base URL, e.g. `http://localhost:11434/v1`.
        default_model (None | str | Unset): This provider's model to use by default (`gpt-4o-mini`).
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        models (list[str] | Unset): Model names it serves, listed by `GET /models` beside the shipped ones.
    """

    kind: LlmProviderCreateKind
    name: str
    api_key: None | str | Unset = UNSET
    base_url: None | str | Unset = UNSET
    default_model: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    models: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        name = self.name

        api_key: None | str | Unset
        if isinstance(self.api_key, Unset):
            api_key = UNSET
        else:
            api_key = self.api_key

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

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        models: list[str] | Unset = UNSET
        if not isinstance(self.models, Unset):
            models = self.models

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if api_key is not UNSET:
            field_dict["api_key"] = api_key
        if base_url is not UNSET:
            field_dict["base_url"] = base_url
        if default_model is not UNSET:
            field_dict["default_model"] = default_model
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if models is not UNSET:
            field_dict["models"] = models

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = LlmProviderCreateKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_api_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_key = _parse_api_key(d.pop("api_key", UNSET))

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

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        models = cast(list[str], d.pop("models", UNSET))

        llm_provider_create = cls(
            kind=kind,
            name=name,
            api_key=api_key,
            base_url=base_url,
            default_model=default_model,
            expected_version=expected_version,
            models=models,
        )

        return llm_provider_create
