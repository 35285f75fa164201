from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.knowledge_condition_op import KnowledgeConditionOp
from ..types import UNSET, Unset

T = TypeVar("T", bound="KnowledgeCondition")


@_attrs_define
class KnowledgeCondition:
    """One metadata test; ``and``/``or`` nest conditions.

    Attributes:
        and_ (list[KnowledgeCondition] | None | Unset):
        key (None | str | Unset):
        op (KnowledgeConditionOp | Unset):  Default: KnowledgeConditionOp.EQ.
        or_ (list[KnowledgeCondition] | None | Unset):
        value (Any | Unset):
    """

    and_: list[KnowledgeCondition] | None | Unset = UNSET
    key: None | str | Unset = UNSET
    op: KnowledgeConditionOp | Unset = KnowledgeConditionOp.EQ
    or_: list[KnowledgeCondition] | None | Unset = UNSET
    value: Any | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        and_: list[dict[str, Any]] | None | Unset
        if isinstance(self.and_, Unset):
            and_ = UNSET
        elif isinstance(self.and_, list):
            and_ = []
            for and_type_0_item_data in self.and_:
                and_type_0_item = and_type_0_item_data.to_dict()
                and_.append(and_type_0_item)

        else:
            and_ = self.and_

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        op: str | Unset = UNSET
        if not isinstance(self.op, Unset):
            op = self.op.value

        or_: list[dict[str, Any]] | None | Unset
        if isinstance(self.or_, Unset):
            or_ = UNSET
        elif isinstance(self.or_, list):
            or_ = []
            for or_type_0_item_data in self.or_:
                or_type_0_item = or_type_0_item_data.to_dict()
                or_.append(or_type_0_item)

        else:
            or_ = self.or_

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if and_ is not UNSET:
            field_dict["and"] = and_
        if key is not UNSET:
            field_dict["key"] = key
        if op is not UNSET:
            field_dict["op"] = op
        if or_ is not UNSET:
            field_dict["or"] = or_
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_and_(data: object) -> list[KnowledgeCondition] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                and_type_0 = []
                _and_type_0 = data
                for and_type_0_item_data in _and_type_0:
                    and_type_0_item = KnowledgeCondition.from_dict(and_type_0_item_data)

                    and_type_0.append(and_type_0_item)

                return and_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[KnowledgeCondition] | None | Unset, data)

        and_ = _parse_and_(d.pop("and", UNSET))

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        _op = d.pop("op", UNSET)
        op: KnowledgeConditionOp | Unset
        if isinstance(_op, Unset):
            op = UNSET
        else:
            op = KnowledgeConditionOp(_op)

        def _parse_or_(data: object) -> list[KnowledgeCondition] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                or_type_0 = []
                _or_type_0 = data
                for or_type_0_item_data in _or_type_0:
                    or_type_0_item = KnowledgeCondition.from_dict(or_type_0_item_data)

                    or_type_0.append(or_type_0_item)

                return or_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[KnowledgeCondition] | None | Unset, data)

        or_ = _parse_or_(d.pop("or", UNSET))

        value = d.pop("value", UNSET)

        knowledge_condition = cls(
            and_=and_,
            key=key,
            op=op,
            or_=or_,
            value=value,
        )

        return knowledge_condition
