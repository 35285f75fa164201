from enum import StrEnum


class SkillSource(StrEnum):
    BUILTIN = "builtin"
    DIRECTORY = "directory"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
