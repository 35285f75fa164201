from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReflectBody")


@_attrs_define
class ReflectBody:
    """``text`` to review, or ``thread_id``: the conversation's last answer (with the
    message it answered).

        Attributes:
            request (None | str | Unset): What `text` answers, if anything.
            text (None | str | Unset):
            thread_id (None | str | Unset):
    """

    request: None | str | Unset = UNSET
    text: None | str | Unset = UNSET
    thread_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        request: None | str | Unset
        if isinstance(self.request, Unset):
            request = UNSET
        else:
            request = self.request

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        thread_id: None | str | Unset
        if isinstance(self.thread_id, Unset):
            thread_id = UNSET
        else:
            thread_id = self.thread_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if request is not UNSET:
            field_dict["request"] = request
        if text is not UNSET:
            field_dict["text"] = text
        if thread_id is not UNSET:
            field_dict["thread_id"] = thread_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_request(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request = _parse_request(d.pop("request", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_thread_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thread_id = _parse_thread_id(d.pop("thread_id", UNSET))

        reflect_body = cls(
            request=request,
            text=text,
            thread_id=thread_id,
        )

        return reflect_body
