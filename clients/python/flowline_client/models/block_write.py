from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BlockWrite")


@_attrs_define
class BlockWrite:
    """``PUT memory/blocks/{type}``: compare-and-set on ``expected_version`` (or ``If-Match``).

    Attributes:
        value (str): The block's text: at most `limit` characters, no NUL.
        description (None | str | Unset): What the block is for; shown to the model beside it.
        expected_version (int | None | Unset): Compare-and-set: `0` creates the block only if it does not exist; `N`
            changes it only if it is at version N (as `If-Match`). A mismatch answers 409.
        limit (int | None | Unset): Most characters the block may hold (default 5000 for a new block; unchanged when
            omitted). The agent's edits past it are refused.
    """

    value: str
    description: None | str | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    limit: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        limit: int | None | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        def _parse_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        block_write = cls(
            value=value,
            description=description,
            expected_version=expected_version,
            limit=limit,
        )

        return block_write
