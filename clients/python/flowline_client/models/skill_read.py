from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.skill_source import SkillSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skill_problem import SkillProblem
    from ..models.skill_read_front_matter import SkillReadFrontMatter


T = TypeVar("T", bound="SkillRead")


@_attrs_define
class SkillRead:
    """
    Attributes:
        body (str): The Markdown after the front matter.
        description (None | str): `null` for an invalid skill.
        front_matter (SkillReadFrontMatter): Every key of the front matter.
        name (str):
        source (SkillSource):
        title (None | str):
        valid (bool): `false` for a skills-directory file that cannot be used.
        version (None | str):
        created_at (datetime.datetime | None | Unset): Uploads only.
        file (None | str | Unset): Where a file skill is, relative to its directory.
        files (list[str] | Unset): Support files of a folder skill (relative paths).
        problems (list[SkillProblem] | Unset): Why an invalid skill cannot be used.
        updated_at (datetime.datetime | None | Unset): Uploads only.
    """

    body: str
    description: None | str
    front_matter: SkillReadFrontMatter
    name: str
    source: SkillSource
    title: None | str
    valid: bool
    version: None | str
    created_at: datetime.datetime | None | Unset = UNSET
    file: None | str | Unset = UNSET
    files: list[str] | Unset = UNSET
    problems: list[SkillProblem] | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        description: None | str
        description = self.description

        front_matter = self.front_matter.to_dict()

        name = self.name

        source = self.source.value

        title: None | str
        title = self.title

        valid = self.valid

        version: None | str
        version = self.version

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        files: list[str] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = self.files

        problems: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.problems, Unset):
            problems = []
            for problems_item_data in self.problems:
                problems_item = problems_item_data.to_dict()
                problems.append(problems_item)

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "description": description,
                "front_matter": front_matter,
                "name": name,
                "source": source,
                "title": title,
                "valid": valid,
                "version": version,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if file is not UNSET:
            field_dict["file"] = file
        if files is not UNSET:
            field_dict["files"] = files
        if problems is not UNSET:
            field_dict["problems"] = problems
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skill_problem import SkillProblem  # noqa: PLC0415
        from ..models.skill_read_front_matter import SkillReadFrontMatter  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        front_matter = SkillReadFrontMatter.from_dict(d.pop("front_matter"))

        name = d.pop("name")

        source = SkillSource(d.pop("source"))

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        valid = d.pop("valid")

        def _parse_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        version = _parse_version(d.pop("version"))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        files = cast(list[str], d.pop("files", UNSET))

        _problems = d.pop("problems", UNSET)
        problems: list[SkillProblem] | Unset = UNSET
        if _problems is not UNSET:
            problems = []
            for problems_item_data in _problems:
                problems_item = SkillProblem.from_dict(problems_item_data)

                problems.append(problems_item)

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        skill_read = cls(
            body=body,
            description=description,
            front_matter=front_matter,
            name=name,
            source=source,
            title=title,
            valid=valid,
            version=version,
            created_at=created_at,
            file=file,
            files=files,
            problems=problems,
            updated_at=updated_at,
        )

        skill_read.additional_properties = d
        return skill_read

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
