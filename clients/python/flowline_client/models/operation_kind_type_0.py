from enum import StrEnum


class OperationKindType0(StrEnum):
    AUTOCOMPLETE = "autocomplete"
    CHAT = "chat"
    ENRICH = "enrich"
    EXTRACT = "extract"
    LABEL = "label"
    RECOMMEND = "recommend"
    SUMMARIZE = "summarize"

    def __str__(self) -> str:
        return str(self.value)
