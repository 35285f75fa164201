from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.input_message import InputMessage
    from ..models.response_create_metadata_type_0 import ResponseCreateMetadataType0


T = TypeVar("T", bound="ResponseCreate")


@_attrs_define
class ResponseCreate:
    """OpenAI's Responses request; fields Flowline does not use (``tools``,
    ``temperature``, ``reasoning``, …) are accepted and ignored: the agent's configuration
    decides them.

        Attributes:
            input_ (list[InputMessage] | str): A user message's text, or a list of message items (at least one from the
                user).
            model (str): The agent's id.
            instructions (None | str | Unset): Added to the agent's own instructions, for this turn only.
            metadata (None | ResponseCreateMetadataType0 | Unset): Up to 16 pairs; keys up to 64 characters, values up to
                512.
            previous_response_id (None | str | Unset): Continue the conversation of this stored response (same agent).
            store (bool | Unset): False: no response record is kept (the turn itself is still a run). Default: True.
            stream (bool | Unset):  Default: False.
    """

    input_: list[InputMessage] | str
    model: str
    instructions: None | str | Unset = UNSET
    metadata: None | ResponseCreateMetadataType0 | Unset = UNSET
    previous_response_id: None | str | Unset = UNSET
    store: bool | Unset = True
    stream: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.response_create_metadata_type_0 import ResponseCreateMetadataType0  # noqa: PLC0415

        input_: list[dict[str, Any]] | str
        if isinstance(self.input_, list):
            input_ = []
            for input_type_1_item_data in self.input_:
                input_type_1_item = input_type_1_item_data.to_dict()
                input_.append(input_type_1_item)

        else:
            input_ = self.input_

        model = self.model

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ResponseCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        previous_response_id: None | str | Unset
        if isinstance(self.previous_response_id, Unset):
            previous_response_id = UNSET
        else:
            previous_response_id = self.previous_response_id

        store = self.store

        stream = self.stream

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "model": model,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if store is not UNSET:
            field_dict["store"] = store
        if stream is not UNSET:
            field_dict["stream"] = stream

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.input_message import InputMessage  # noqa: PLC0415
        from ..models.response_create_metadata_type_0 import ResponseCreateMetadataType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_input_(data: object) -> list[InputMessage] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                input_type_1 = []
                _input_type_1 = data
                for input_type_1_item_data in _input_type_1:
                    input_type_1_item = InputMessage.from_dict(input_type_1_item_data)

                    input_type_1.append(input_type_1_item)

                return input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[InputMessage] | str, data)

        input_ = _parse_input_(d.pop("input"))

        model = d.pop("model")

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_metadata(data: object) -> None | ResponseCreateMetadataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ResponseCreateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResponseCreateMetadataType0 | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        def _parse_previous_response_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_response_id = _parse_previous_response_id(d.pop("previous_response_id", UNSET))

        store = d.pop("store", UNSET)

        stream = d.pop("stream", UNSET)

        response_create = cls(
            input_=input_,
            model=model,
            instructions=instructions,
            metadata=metadata,
            previous_response_id=previous_response_id,
            store=store,
            stream=stream,
        )

        response_create.additional_properties = d
        return response_create

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
