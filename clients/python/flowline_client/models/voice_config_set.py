from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoiceConfigSet")


@_attrs_define
class VoiceConfigSet:
    """
    Attributes:
        secret (str): The server-URL secret set in Vapi (sent as `X-Vapi-Secret`); stored as its SHA-256 only, and
            unique across organisations (409 otherwise).
        flow_id (None | str | Unset): A flow each end-of-call report starts (input: `{"call": …}`).
    """

    secret: str
    flow_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        secret = self.secret

        flow_id: None | str | Unset
        if isinstance(self.flow_id, Unset):
            flow_id = UNSET
        else:
            flow_id = self.flow_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "secret": secret,
            }
        )
        if flow_id is not UNSET:
            field_dict["flow_id"] = flow_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        secret = d.pop("secret")

        def _parse_flow_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        flow_id = _parse_flow_id(d.pop("flow_id", UNSET))

        voice_config_set = cls(
            secret=secret,
            flow_id=flow_id,
        )

        return voice_config_set
