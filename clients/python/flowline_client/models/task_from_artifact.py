from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskFromArtifact")


@_attrs_define
class TaskFromArtifact:
    """
    Attributes:
        assignee (None | str | Unset):
        due (datetime.datetime | None | Unset):
        title (None | str | Unset):
    """

    assignee: None | str | Unset = UNSET
    due: datetime.datetime | None | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        assignee: None | str | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        else:
            assignee = self.assignee

        due: None | str | Unset
        if isinstance(self.due, Unset):
            due = UNSET
        elif isinstance(self.due, datetime.datetime):
            due = self.due.isoformat()
        else:
            due = self.due

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if due is not UNSET:
            field_dict["due"] = due
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_assignee(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))

        def _parse_due(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_type_0 = datetime.datetime.fromisoformat(data)

                return due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due = _parse_due(d.pop("due", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        task_from_artifact = cls(
            assignee=assignee,
            due=due,
            title=title,
        )

        return task_from_artifact
