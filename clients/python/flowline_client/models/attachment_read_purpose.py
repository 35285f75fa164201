from enum import StrEnum


class AttachmentReadPurpose(StrEnum):
    BATCH = "batch"
    STEP = "step"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
