from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.skill_source import SkillSource
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skill_problem import SkillProblem


T = TypeVar("T", bound="SkillSummary")


@_attrs_define
class SkillSummary:
    """
    Attributes:
        description (None | str): `null` for an invalid skill.
        name (str):
        source (SkillSource):
        title (None | str):
        valid (bool): `false` for a skills-directory file that cannot be used.
        version (None | str):
        file (None | str | Unset): Where a file skill is, relative to its directory.
        problems (list[SkillProblem] | Unset): Why an invalid skill cannot be used.
    """

    description: None | str
    name: str
    source: SkillSource
    title: None | str
    valid: bool
    version: None | str
    file: None | str | Unset = UNSET
    problems: list[SkillProblem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description: None | str
        description = self.description

        name = self.name

        source = self.source.value

        title: None | str
        title = self.title

        valid = self.valid

        version: None | str
        version = self.version

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        problems: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.problems, Unset):
            problems = []
            for problems_item_data in self.problems:
                problems_item = problems_item_data.to_dict()
                problems.append(problems_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "name": name,
                "source": source,
                "title": title,
                "valid": valid,
                "version": version,
            }
        )
        if file is not UNSET:
            field_dict["file"] = file
        if problems is not UNSET:
            field_dict["problems"] = problems

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skill_problem import SkillProblem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

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

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        _problems = d.pop("problems", UNSET)
        problems: list[SkillProblem] | Unset = UNSET
        if _problems is not UNSET:
            problems = []
            for problems_item_data in _problems:
                problems_item = SkillProblem.from_dict(problems_item_data)

                problems.append(problems_item)

        skill_summary = cls(
            description=description,
            name=name,
            source=source,
            title=title,
            valid=valid,
            version=version,
            file=file,
            problems=problems,
        )

        skill_summary.additional_properties = d
        return skill_summary

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
