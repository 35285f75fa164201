from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.interaction_create_action import InteractionCreateAction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interaction_create_data import InteractionCreateData


T = TypeVar("T", bound="InteractionCreate")


@_attrs_define
class InteractionCreate:
    """
    Attributes:
        action (InteractionCreateAction):
        data (InteractionCreateData | Unset): Up to 1 MiB of JSON.
    """

    action: InteractionCreateAction
    data: InteractionCreateData | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interaction_create_data import InteractionCreateData  # noqa: PLC0415

        d = dict(src_dict)
        action = InteractionCreateAction(d.pop("action"))

        _data = d.pop("data", UNSET)
        data: InteractionCreateData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = InteractionCreateData.from_dict(_data)

        interaction_create = cls(
            action=action,
            data=data,
        )

        return interaction_create
