from enum import StrEnum


class UploadFileBodyFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"

    def __str__(self) -> str:
        return str(self.value)
