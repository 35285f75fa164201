from enum import StrEnum


class RunBodyOperation(StrEnum):
    AUTOCOMPLETE = "autocomplete"
    CHAT = "chat"
    ENRICH = "enrich"
    EXTRACT = "extract"
    LABEL = "label"
    RECOMMEND = "recommend"
    SUMMARIZE = "summarize"

    def __str__(self) -> str:
        return str(self.value)
