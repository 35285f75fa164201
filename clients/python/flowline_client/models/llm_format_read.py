from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.llm_format_read_view import LlmFormatReadView

if TYPE_CHECKING:
    from ..models.llm_message import LlmMessage


T = TypeVar("T", bound="LlmFormatRead")


@_attrs_define
class LlmFormatRead:
    """
    Attributes:
        agent_id (None | str):
        conversation_id (str):
        messages (list[LlmMessage]): OpenAI chat format; every secret value of the organisation is `***`.
        model (str): The model the agent uses (the default without one).
        view (LlmFormatReadView):
    """

    agent_id: None | str
    conversation_id: str
    messages: list[LlmMessage]
    model: str
    view: LlmFormatReadView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str
        agent_id = self.agent_id

        conversation_id = self.conversation_id

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        model = self.model

        view = self.view.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "conversation_id": conversation_id,
                "messages": messages,
                "model": model,
                "view": view,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.llm_message import LlmMessage  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        conversation_id = d.pop("conversation_id")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = LlmMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        model = d.pop("model")

        view = LlmFormatReadView(d.pop("view"))

        llm_format_read = cls(
            agent_id=agent_id,
            conversation_id=conversation_id,
            messages=messages,
            model=model,
            view=view,
        )

        llm_format_read.additional_properties = d
        return llm_format_read

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
