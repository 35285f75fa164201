from enum import StrEnum


class LlmProviderCreateType1Kind(StrEnum):
    ANTHROPIC = "anthropic"
    OPENAI = "openai"

    def __str__(self) -> str:
        return str(self.value)
