from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.search_defaults_mode import SearchDefaultsMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchDefaults")


@_attrs_define
class SearchDefaults:
    """
    Attributes:
        filter_ops (list[str] | Unset):
        max_top_k (int | Unset):  Default: 50.
        mode (SearchDefaultsMode | Unset):  Default: SearchDefaultsMode.HYBRID.
        rrf_k (int | Unset):  Default: 60.
        score_threshold (float | None | Unset):
        top_k (int | Unset):  Default: 5.
    """

    filter_ops: list[str] | Unset = UNSET
    max_top_k: int | Unset = 50
    mode: SearchDefaultsMode | Unset = SearchDefaultsMode.HYBRID
    rrf_k: int | Unset = 60
    score_threshold: float | None | Unset = UNSET
    top_k: int | Unset = 5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        filter_ops: list[str] | Unset = UNSET
        if not isinstance(self.filter_ops, Unset):
            filter_ops = self.filter_ops

        max_top_k = self.max_top_k

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        rrf_k = self.rrf_k

        score_threshold: float | None | Unset
        if isinstance(self.score_threshold, Unset):
            score_threshold = UNSET
        else:
            score_threshold = self.score_threshold

        top_k = self.top_k

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if filter_ops is not UNSET:
            field_dict["filter_ops"] = filter_ops
        if max_top_k is not UNSET:
            field_dict["max_top_k"] = max_top_k
        if mode is not UNSET:
            field_dict["mode"] = mode
        if rrf_k is not UNSET:
            field_dict["rrf_k"] = rrf_k
        if score_threshold is not UNSET:
            field_dict["score_threshold"] = score_threshold
        if top_k is not UNSET:
            field_dict["top_k"] = top_k

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filter_ops = cast(list[str], d.pop("filter_ops", UNSET))

        max_top_k = d.pop("max_top_k", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: SearchDefaultsMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = SearchDefaultsMode(_mode)

        rrf_k = d.pop("rrf_k", UNSET)

        def _parse_score_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score_threshold = _parse_score_threshold(d.pop("score_threshold", UNSET))

        top_k = d.pop("top_k", UNSET)

        search_defaults = cls(
            filter_ops=filter_ops,
            max_top_k=max_top_k,
            mode=mode,
            rrf_k=rrf_k,
            score_threshold=score_threshold,
            top_k=top_k,
        )

        search_defaults.additional_properties = d
        return search_defaults

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
