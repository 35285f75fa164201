from enum import StrEnum


class ChannelReplaceKind(StrEnum):
    EMAIL = "email"
    SANDBOX = "sandbox"
    SLACK = "slack"
    SMS = "sms"
    TELEGRAM = "telegram"
    WEBHOOK = "webhook"
    WHATSAPP = "whatsapp"

    def __str__(self) -> str:
        return str(self.value)
