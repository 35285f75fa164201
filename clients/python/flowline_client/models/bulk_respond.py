from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.bulk_respond_decision import BulkRespondDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="BulkRespond")


@_attrs_define
class BulkRespond:
    """
    Attributes:
        decision (BulkRespondDecision):
        ids (list[str]): Approval ids.
        comment (None | str | Unset):
    """

    decision: BulkRespondDecision
    ids: list[str]
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        ids = self.ids

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "ids": ids,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = BulkRespondDecision(d.pop("decision"))

        ids = cast(list[str], d.pop("ids"))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        bulk_respond = cls(
            decision=decision,
            ids=ids,
            comment=comment,
        )

        return bulk_respond
