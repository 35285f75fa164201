from enum import StrEnum


class OutputFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"

    def __str__(self) -> str:
        return str(self.value)
