from enum import StrEnum


class PatchSettingsPatchThemeType1(StrEnum):
    DARK = "dark"
    LIGHT = "light"
    SYSTEM = "system"

    def __str__(self) -> str:
        return str(self.value)
