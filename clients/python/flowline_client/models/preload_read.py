from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preload_failure import PreloadFailure


T = TypeVar("T", bound="PreloadRead")


@_attrs_define
class PreloadRead:
    """
    Attributes:
        agent_id (str):
        failed (list[PreloadFailure]):
        fresh (list[str]): Dynamic blocks whose cache was fresh already.
        preloaded (list[str]): Dynamic blocks rendered and cached now.
    """

    agent_id: str
    failed: list[PreloadFailure]
    fresh: list[str]
    preloaded: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        failed = []
        for failed_item_data in self.failed:
            failed_item = failed_item_data.to_dict()
            failed.append(failed_item)

        fresh = self.fresh

        preloaded = self.preloaded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "failed": failed,
                "fresh": fresh,
                "preloaded": preloaded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preload_failure import PreloadFailure  # noqa: PLC0415

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        failed = []
        _failed = d.pop("failed")
        for failed_item_data in _failed:
            failed_item = PreloadFailure.from_dict(failed_item_data)

            failed.append(failed_item)

        fresh = cast(list[str], d.pop("fresh"))

        preloaded = cast(list[str], d.pop("preloaded"))

        preload_read = cls(
            agent_id=agent_id,
            failed=failed,
            fresh=fresh,
            preloaded=preloaded,
        )

        preload_read.additional_properties = d
        return preload_read

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
