from enum import StrEnum


class EmbeddingConfigProvider(StrEnum):
    OPENAI = "openai"
    WORDLLAMA = "wordllama"

    def __str__(self) -> str:
        return str(self.value)
