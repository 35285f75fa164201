from enum import StrEnum


class InputTextType(StrEnum):
    INPUT_TEXT = "input_text"
    OUTPUT_TEXT = "output_text"

    def __str__(self) -> str:
        return str(self.value)
