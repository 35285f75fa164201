from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.operation_kind_type_0 import OperationKindType0
from ..models.operation_kind_type_1 import OperationKindType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.operation_params import OperationParams


T = TypeVar("T", bound="Operation")


@_attrs_define
class Operation:
    """
    Attributes:
        kind (OperationKindType0 | OperationKindType1): The completion applied to each row, or `flow`: a run of
            `flow_id` per row, or `agent`: a turn of `agent_id` per row (the row, as text, is the user's message; a new
            conversation each).
        agent_id (None | str | Unset): With `kind: agent`: the agent that answers.
        flow_id (None | str | Unset): With `kind: flow`: the flow run per row.
        input_field (None | str | Unset): The row's field given as the input; unset, the whole row (an object).
        model (None | str | Unset):
        params (OperationParams | Unset): A completion's parameters, as its route takes them.
        temperature (float | None | Unset):
    """

    kind: OperationKindType0 | OperationKindType1
    agent_id: None | str | Unset = UNSET
    flow_id: None | str | Unset = UNSET
    input_field: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    params: OperationParams | Unset = UNSET
    temperature: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind: str
        if isinstance(self.kind, OperationKindType0):
            kind = self.kind.value
        else:
            kind = self.kind.value

        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        flow_id: None | str | Unset
        if isinstance(self.flow_id, Unset):
            flow_id = UNSET
        else:
            flow_id = self.flow_id

        input_field: None | str | Unset
        if isinstance(self.input_field, Unset):
            input_field = UNSET
        else:
            input_field = self.input_field

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if flow_id is not UNSET:
            field_dict["flow_id"] = flow_id
        if input_field is not UNSET:
            field_dict["input_field"] = input_field
        if model is not UNSET:
            field_dict["model"] = model
        if params is not UNSET:
            field_dict["params"] = params
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.operation_params import OperationParams  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_kind(data: object) -> OperationKindType0 | OperationKindType1:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = OperationKindType0(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            kind_type_1 = OperationKindType1(data)

            return kind_type_1

        kind = _parse_kind(d.pop("kind"))

        def _parse_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        def _parse_flow_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        flow_id = _parse_flow_id(d.pop("flow_id", UNSET))

        def _parse_input_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        input_field = _parse_input_field(d.pop("input_field", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        _params = d.pop("params", UNSET)
        params: OperationParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = OperationParams.from_dict(_params)

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        operation = cls(
            kind=kind,
            agent_id=agent_id,
            flow_id=flow_id,
            input_field=input_field,
            model=model,
            params=params,
            temperature=temperature,
        )

        return operation
