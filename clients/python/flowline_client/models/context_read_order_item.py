from enum import StrEnum


class ContextReadOrderItem(StrEnum):
    INSTRUCTIONS = "instructions"
    KNOWLEDGE = "knowledge"
    MEMORY = "memory"
    PROMPT_BLOCK = "prompt_block"
    SKILLS = "skills"

    def __str__(self) -> str:
        return str(self.value)
