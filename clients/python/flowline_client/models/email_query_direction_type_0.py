from enum import StrEnum


class EmailQueryDirectionType0(StrEnum):
    IN = "in"
    OUT = "out"

    def __str__(self) -> str:
        return str(self.value)
