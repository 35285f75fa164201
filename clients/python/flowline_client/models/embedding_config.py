from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.embedding_config_provider import EmbeddingConfigProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmbeddingConfig")


@_attrs_define
class EmbeddingConfig:
    """``wordllama`` (built in, offline) or any OpenAI-compatible ``/embeddings``.

    Attributes:
        api_key_secret (None | str | Unset): For `openai`: the name of a secret holding the API key (sent as Bearer).
        base_url (None | str | Unset): For `openai`: the API root, e.g. `https://api.openai.com/v1`.
        model (None | str | Unset): For `openai` (required, not empty).
        provider (EmbeddingConfigProvider | Unset):  Default: EmbeddingConfigProvider.WORDLLAMA.
    """

    api_key_secret: None | str | Unset = UNSET
    base_url: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    provider: EmbeddingConfigProvider | Unset = EmbeddingConfigProvider.WORDLLAMA

    def to_dict(self) -> dict[str, Any]:
        api_key_secret: None | str | Unset
        if isinstance(self.api_key_secret, Unset):
            api_key_secret = UNSET
        else:
            api_key_secret = self.api_key_secret

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if api_key_secret is not UNSET:
            field_dict["api_key_secret"] = api_key_secret
        if base_url is not UNSET:
            field_dict["base_url"] = base_url
        if model is not UNSET:
            field_dict["model"] = model
        if provider is not UNSET:
            field_dict["provider"] = provider

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_api_key_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_key_secret = _parse_api_key_secret(d.pop("api_key_secret", UNSET))

        def _parse_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base_url = _parse_base_url(d.pop("base_url", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        _provider = d.pop("provider", UNSET)
        provider: EmbeddingConfigProvider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = EmbeddingConfigProvider(_provider)

        embedding_config = cls(
            api_key_secret=api_key_secret,
            base_url=base_url,
            model=model,
            provider=provider,
        )

        return embedding_config
