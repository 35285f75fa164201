from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interactive import Interactive
    from ..models.media import Media


T = TypeVar("T", bound="SendBody")


@_attrs_define
class SendBody:
    """``{to, text}``, ``{to, media}`` or ``{to, interactive}``: exactly one of the three.

    Attributes:
        to (str): Normalised (E.164 for phones).
        interactive (Interactive | None | Unset):
        media (Media | None | Unset):
        reply_to (None | str | Unset): A message of ours (`msg_...`) on this channel from or to the same contact that
            this answers: an email gets `In-Reply-To`/`References` and the subject as `Re:` the answered one's, Slack posts
            in its thread (`thread_ts`), WhatsApp and Telegram quote it. 422 naming `reply_to` for another channel's or
            contact's message.
        text (None | str | Unset):
    """

    to: str
    interactive: Interactive | None | Unset = UNSET
    media: Media | None | Unset = UNSET
    reply_to: None | str | Unset = UNSET
    text: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.interactive import Interactive  # noqa: PLC0415
        from ..models.media import Media  # noqa: PLC0415

        to = self.to

        interactive: dict[str, Any] | None | Unset
        if isinstance(self.interactive, Unset):
            interactive = UNSET
        elif isinstance(self.interactive, Interactive):
            interactive = self.interactive.to_dict()
        else:
            interactive = self.interactive

        media: dict[str, Any] | None | Unset
        if isinstance(self.media, Unset):
            media = UNSET
        elif isinstance(self.media, Media):
            media = self.media.to_dict()
        else:
            media = self.media

        reply_to: None | str | Unset
        if isinstance(self.reply_to, Unset):
            reply_to = UNSET
        else:
            reply_to = self.reply_to

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
            }
        )
        if interactive is not UNSET:
            field_dict["interactive"] = interactive
        if media is not UNSET:
            field_dict["media"] = media
        if reply_to is not UNSET:
            field_dict["reply_to"] = reply_to
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interactive import Interactive  # noqa: PLC0415
        from ..models.media import Media  # noqa: PLC0415

        d = dict(src_dict)
        to = d.pop("to")

        def _parse_interactive(data: object) -> Interactive | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interactive_type_0 = Interactive.from_dict(data)

                return interactive_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Interactive | None | Unset, data)

        interactive = _parse_interactive(d.pop("interactive", UNSET))

        def _parse_media(data: object) -> Media | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                media_type_0 = Media.from_dict(data)

                return media_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Media | None | Unset, data)

        media = _parse_media(d.pop("media", UNSET))

        def _parse_reply_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reply_to = _parse_reply_to(d.pop("reply_to", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        send_body = cls(
            to=to,
            interactive=interactive,
            media=media,
            reply_to=reply_to,
            text=text,
        )

        return send_body
