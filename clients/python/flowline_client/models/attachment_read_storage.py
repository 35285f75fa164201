from enum import StrEnum


class AttachmentReadStorage(StrEnum):
    DATABASE = "database"
    LOCAL = "local"
    S3 = "s3"

    def __str__(self) -> str:
        return str(self.value)
