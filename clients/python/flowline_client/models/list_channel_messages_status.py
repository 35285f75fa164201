from enum import StrEnum


class ListChannelMessagesStatus(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    QUEUED = "queued"
    READ = "read"
    RECEIVED = "received"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
