from enum import StrEnum


class PatchSettingsPatchUiType1DensityType1(StrEnum):
    COMFORTABLE = "comfortable"
    COMPACT = "compact"

    def __str__(self) -> str:
        return str(self.value)
