from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.artifact_read import ArtifactRead
    from ..models.emails_model_usage import EmailsModelUsage


T = TypeVar("T", bound="Drafted")


@_attrs_define
class Drafted:
    """
    Attributes:
        artifact (ArtifactRead):
        usage (EmailsModelUsage | None): The model call, when the model wrote it.
    """

    artifact: ArtifactRead
    usage: EmailsModelUsage | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.emails_model_usage import EmailsModelUsage  # noqa: PLC0415

        artifact = self.artifact.to_dict()

        usage: dict[str, Any] | None
        if isinstance(self.usage, EmailsModelUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifact": artifact,
                "usage": usage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_read import ArtifactRead  # noqa: PLC0415
        from ..models.emails_model_usage import EmailsModelUsage  # noqa: PLC0415

        d = dict(src_dict)
        artifact = ArtifactRead.from_dict(d.pop("artifact"))

        def _parse_usage(data: object) -> EmailsModelUsage | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = EmailsModelUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmailsModelUsage | None, data)

        usage = _parse_usage(d.pop("usage"))

        drafted = cls(
            artifact=artifact,
            usage=usage,
        )

        drafted.additional_properties = d
        return drafted

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
