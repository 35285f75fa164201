from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.patch_settings_patch_date_format_type_1 import PatchSettingsPatchDateFormatType1
from ..models.patch_settings_patch_theme_type_1 import PatchSettingsPatchThemeType1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.patch_settings_patch_chat_type_1 import PatchSettingsPatchChatType1
    from ..models.patch_settings_patch_custom_type_1 import PatchSettingsPatchCustomType1
    from ..models.patch_settings_patch_email_type_1 import PatchSettingsPatchEmailType1
    from ..models.patch_settings_patch_notifications_type_1 import PatchSettingsPatchNotificationsType1
    from ..models.patch_settings_patch_ui_type_1 import PatchSettingsPatchUiType1


T = TypeVar("T", bound="PatchSettingsPatch")


@_attrs_define
class PatchSettingsPatch:
    """A JSON Merge Patch object.

    Attributes:
        chat (None | PatchSettingsPatchChatType1 | Unset):
        custom (None | PatchSettingsPatchCustomType1 | Unset):
        date_format (None | PatchSettingsPatchDateFormatType1 | Unset):
        email (None | PatchSettingsPatchEmailType1 | Unset):
        language (None | str | Unset):
        notifications (None | PatchSettingsPatchNotificationsType1 | Unset):
        theme (None | PatchSettingsPatchThemeType1 | Unset):
        timezone (None | str | Unset):
        ui (None | PatchSettingsPatchUiType1 | Unset):
    """

    chat: None | PatchSettingsPatchChatType1 | Unset = UNSET
    custom: None | PatchSettingsPatchCustomType1 | Unset = UNSET
    date_format: None | PatchSettingsPatchDateFormatType1 | Unset = UNSET
    email: None | PatchSettingsPatchEmailType1 | Unset = UNSET
    language: None | str | Unset = UNSET
    notifications: None | PatchSettingsPatchNotificationsType1 | Unset = UNSET
    theme: None | PatchSettingsPatchThemeType1 | Unset = UNSET
    timezone: None | str | Unset = UNSET
    ui: None | PatchSettingsPatchUiType1 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.patch_settings_patch_chat_type_1 import PatchSettingsPatchChatType1  # noqa: PLC0415
        from ..models.patch_settings_patch_custom_type_1 import PatchSettingsPatchCustomType1  # noqa: PLC0415
        from ..models.patch_settings_patch_email_type_1 import PatchSettingsPatchEmailType1  # noqa: PLC0415
        from ..models.patch_settings_patch_notifications_type_1 import PatchSettingsPatchNotificationsType1  # noqa: PLC0415
        from ..models.patch_settings_patch_ui_type_1 import PatchSettingsPatchUiType1  # noqa: PLC0415

        chat: dict[str, Any] | None | Unset
        if isinstance(self.chat, Unset):
            chat = UNSET
        elif isinstance(self.chat, PatchSettingsPatchChatType1):
            chat = self.chat.to_dict()
        else:
            chat = self.chat

        custom: dict[str, Any] | None | Unset
        if isinstance(self.custom, Unset):
            custom = UNSET
        elif isinstance(self.custom, PatchSettingsPatchCustomType1):
            custom = self.custom.to_dict()
        else:
            custom = self.custom

        date_format: None | str | Unset
        if isinstance(self.date_format, Unset):
            date_format = UNSET
        elif isinstance(self.date_format, PatchSettingsPatchDateFormatType1):
            date_format = self.date_format.value
        else:
            date_format = self.date_format

        email: dict[str, Any] | None | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        elif isinstance(self.email, PatchSettingsPatchEmailType1):
            email = self.email.to_dict()
        else:
            email = self.email

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        notifications: dict[str, Any] | None | Unset
        if isinstance(self.notifications, Unset):
            notifications = UNSET
        elif isinstance(self.notifications, PatchSettingsPatchNotificationsType1):
            notifications = self.notifications.to_dict()
        else:
            notifications = self.notifications

        theme: None | str | Unset
        if isinstance(self.theme, Unset):
            theme = UNSET
        elif isinstance(self.theme, PatchSettingsPatchThemeType1):
            theme = self.theme.value
        else:
            theme = self.theme

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        ui: dict[str, Any] | None | Unset
        if isinstance(self.ui, Unset):
            ui = UNSET
        elif isinstance(self.ui, PatchSettingsPatchUiType1):
            ui = self.ui.to_dict()
        else:
            ui = self.ui

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if chat is not UNSET:
            field_dict["chat"] = chat
        if custom is not UNSET:
            field_dict["custom"] = custom
        if date_format is not UNSET:
            field_dict["date_format"] = date_format
        if email is not UNSET:
            field_dict["email"] = email
        if language is not UNSET:
            field_dict["language"] = language
        if notifications is not UNSET:
            field_dict["notifications"] = notifications
        if theme is not UNSET:
            field_dict["theme"] = theme
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if ui is not UNSET:
            field_dict["ui"] = ui

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patch_settings_patch_chat_type_1 import PatchSettingsPatchChatType1  # noqa: PLC0415
        from ..models.patch_settings_patch_custom_type_1 import PatchSettingsPatchCustomType1  # noqa: PLC0415
        from ..models.patch_settings_patch_email_type_1 import PatchSettingsPatchEmailType1  # noqa: PLC0415
        from ..models.patch_settings_patch_notifications_type_1 import PatchSettingsPatchNotificationsType1  # noqa: PLC0415
        from ..models.patch_settings_patch_ui_type_1 import PatchSettingsPatchUiType1  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_chat(data: object) -> None | PatchSettingsPatchChatType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                chat_type_1 = PatchSettingsPatchChatType1.from_dict(data)

                return chat_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchChatType1 | Unset, data)

        chat = _parse_chat(d.pop("chat", UNSET))

        def _parse_custom(data: object) -> None | PatchSettingsPatchCustomType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_type_1 = PatchSettingsPatchCustomType1.from_dict(data)

                return custom_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchCustomType1 | Unset, data)

        custom = _parse_custom(d.pop("custom", UNSET))

        def _parse_date_format(data: object) -> None | PatchSettingsPatchDateFormatType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_format_type_1 = PatchSettingsPatchDateFormatType1(data)

                return date_format_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchDateFormatType1 | Unset, data)

        date_format = _parse_date_format(d.pop("date_format", UNSET))

        def _parse_email(data: object) -> None | PatchSettingsPatchEmailType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                email_type_1 = PatchSettingsPatchEmailType1.from_dict(data)

                return email_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchEmailType1 | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_notifications(data: object) -> None | PatchSettingsPatchNotificationsType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                notifications_type_1 = PatchSettingsPatchNotificationsType1.from_dict(data)

                return notifications_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchNotificationsType1 | Unset, data)

        notifications = _parse_notifications(d.pop("notifications", UNSET))

        def _parse_theme(data: object) -> None | PatchSettingsPatchThemeType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                theme_type_1 = PatchSettingsPatchThemeType1(data)

                return theme_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchThemeType1 | Unset, data)

        theme = _parse_theme(d.pop("theme", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_ui(data: object) -> None | PatchSettingsPatchUiType1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ui_type_1 = PatchSettingsPatchUiType1.from_dict(data)

                return ui_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PatchSettingsPatchUiType1 | Unset, data)

        ui = _parse_ui(d.pop("ui", UNSET))

        patch_settings_patch = cls(
            chat=chat,
            custom=custom,
            date_format=date_format,
            email=email,
            language=language,
            notifications=notifications,
            theme=theme,
            timezone=timezone,
            ui=ui,
        )

        return patch_settings_patch
