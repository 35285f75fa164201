from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel_replace_kind import ChannelReplaceKind
from ..models.channel_replace_status import ChannelReplaceStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.channel_replace_config import ChannelReplaceConfig
    from ..models.channel_replace_credentials import ChannelReplaceCredentials
    from ..models.limits import Limits
    from ..models.on_message import OnMessage


T = TypeVar("T", bound="ChannelReplace")


@_attrs_define
class ChannelReplace:
    """``PUT``: the whole channel again (flow8's shape); ``kind`` cannot change.

    Attributes:
        kind (ChannelReplaceKind): One of `whatsapp`, `sms`, `email`, `slack`, `telegram`, `webhook`, `sandbox`. A kind
            whose provider this instance does not have answers 422 `CHANNEL_KIND_NOT_AVAILABLE`.
        name (str): 1 to 200 characters, unique in the organisation.
        config (ChannelReplaceConfig | Unset): Per kind (docs/channels.md): the document states each kind's config with
            `if`/`then` on `kind`; checked against the kind's schema.
        credentials (ChannelReplaceCredentials | Unset): Role → the *name* of a secret (`POST /secrets`), e.g.
            `{"access_token": "wa_token"}`. Every required role of the kind must be given and every named secret must exist;
            values are never shown.
        expected_version (int | None | Unset): Refuse the change (409) unless the record is at this version.
        limits (Limits | Unset): The channel's sending rules; each refusal names the rule (CHANNELS.md).
        on_message (None | OnMessage | Unset): Where a message no waiting run takes goes; `null`: stored.
        status (ChannelReplaceStatus | Unset): A `disabled` channel sends nothing and takes nothing in. Default:
            ChannelReplaceStatus.ACTIVE.
    """

    kind: ChannelReplaceKind
    name: str
    config: ChannelReplaceConfig | Unset = UNSET
    credentials: ChannelReplaceCredentials | Unset = UNSET
    expected_version: int | None | Unset = UNSET
    limits: Limits | Unset = UNSET
    on_message: None | OnMessage | Unset = UNSET
    status: ChannelReplaceStatus | Unset = ChannelReplaceStatus.ACTIVE

    def to_dict(self) -> dict[str, Any]:
        from ..models.on_message import OnMessage  # noqa: PLC0415

        kind = self.kind.value

        name = self.name

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        expected_version: int | None | Unset
        if isinstance(self.expected_version, Unset):
            expected_version = UNSET
        else:
            expected_version = self.expected_version

        limits: dict[str, Any] | Unset = UNSET
        if not isinstance(self.limits, Unset):
            limits = self.limits.to_dict()

        on_message: dict[str, Any] | None | Unset
        if isinstance(self.on_message, Unset):
            on_message = UNSET
        elif isinstance(self.on_message, OnMessage):
            on_message = self.on_message.to_dict()
        else:
            on_message = self.on_message

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "name": name,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if expected_version is not UNSET:
            field_dict["expected_version"] = expected_version
        if limits is not UNSET:
            field_dict["limits"] = limits
        if on_message is not UNSET:
            field_dict["on_message"] = on_message
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_replace_config import ChannelReplaceConfig  # noqa: PLC0415
        from ..models.channel_replace_credentials import ChannelReplaceCredentials  # noqa: PLC0415
        from ..models.limits import Limits  # noqa: PLC0415
        from ..models.on_message import OnMessage  # noqa: PLC0415

        d = dict(src_dict)
        kind = ChannelReplaceKind(d.pop("kind"))

        name = d.pop("name")

        _config = d.pop("config", UNSET)
        config: ChannelReplaceConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ChannelReplaceConfig.from_dict(_config)

        _credentials = d.pop("credentials", UNSET)
        credentials: ChannelReplaceCredentials | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = ChannelReplaceCredentials.from_dict(_credentials)

        def _parse_expected_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_version = _parse_expected_version(d.pop("expected_version", UNSET))

        _limits = d.pop("limits", UNSET)
        limits: Limits | Unset
        if isinstance(_limits, Unset):
            limits = UNSET
        else:
            limits = Limits.from_dict(_limits)

        def _parse_on_message(data: object) -> None | OnMessage | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                on_message_type_0 = OnMessage.from_dict(data)

                return on_message_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OnMessage | Unset, data)

        on_message = _parse_on_message(d.pop("on_message", UNSET))

        _status = d.pop("status", UNSET)
        status: ChannelReplaceStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ChannelReplaceStatus(_status)

        channel_replace = cls(
            kind=kind,
            name=name,
            config=config,
            credentials=credentials,
            expected_version=expected_version,
            limits=limits,
            on_message=on_message,
            status=status,
        )

        return channel_replace
