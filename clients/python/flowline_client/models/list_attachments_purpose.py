from enum import StrEnum


class ListAttachmentsPurpose(StrEnum):
    BATCH = "batch"
    STEP = "step"
    UPLOAD = "upload"

    def __str__(self) -> str:
        return str(self.value)
