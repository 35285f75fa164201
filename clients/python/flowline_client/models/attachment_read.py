from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attachment_read_format_type_0 import AttachmentReadFormatType0
from ..models.attachment_read_purpose import AttachmentReadPurpose
from ..models.attachment_read_storage import AttachmentReadStorage

T = TypeVar("T", bound="AttachmentRead")


@_attrs_define
class AttachmentRead:
    """
    Attributes:
        content_type (str): Sniffed from the bytes, not taken from the client.
        created_at (datetime.datetime):
        format_ (AttachmentReadFormatType0 | None): A batch file's format.
        id (str):
        name (None | str): The uploaded file's name; none for a step's body.
        purpose (AttachmentReadPurpose):
        rows (int | None): A batch file's rows.
        run_id (None | str):
        sha256 (str):
        size (int): Bytes.
        storage (AttachmentReadStorage): Where the bytes are: a step's body in the database, uploads in the data dir
            (`local`) or the S3-compatible store.
    """

    content_type: str
    created_at: datetime.datetime
    format_: AttachmentReadFormatType0 | None
    id: str
    name: None | str
    purpose: AttachmentReadPurpose
    rows: int | None
    run_id: None | str
    sha256: str
    size: int
    storage: AttachmentReadStorage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        format_: None | str
        if isinstance(self.format_, AttachmentReadFormatType0):
            format_ = self.format_.value
        else:
            format_ = self.format_

        id = self.id

        name: None | str
        name = self.name

        purpose = self.purpose.value

        rows: int | None
        rows = self.rows

        run_id: None | str
        run_id = self.run_id

        sha256 = self.sha256

        size = self.size

        storage = self.storage.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_type": content_type,
                "created_at": created_at,
                "format": format_,
                "id": id,
                "name": name,
                "purpose": purpose,
                "rows": rows,
                "run_id": run_id,
                "sha256": sha256,
                "size": size,
                "storage": storage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("content_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_format_(data: object) -> AttachmentReadFormatType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                format_type_0 = AttachmentReadFormatType0(data)

                return format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttachmentReadFormatType0 | None, data)

        format_ = _parse_format_(d.pop("format"))

        id = d.pop("id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        purpose = AttachmentReadPurpose(d.pop("purpose"))

        def _parse_rows(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rows = _parse_rows(d.pop("rows"))

        def _parse_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        run_id = _parse_run_id(d.pop("run_id"))

        sha256 = d.pop("sha256")

        size = d.pop("size")

        storage = AttachmentReadStorage(d.pop("storage"))

        attachment_read = cls(
            content_type=content_type,
            created_at=created_at,
            format_=format_,
            id=id,
            name=name,
            purpose=purpose,
            rows=rows,
            run_id=run_id,
            sha256=sha256,
            size=size,
            storage=storage,
        )

        attachment_read.additional_properties = d
        return attachment_read

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
