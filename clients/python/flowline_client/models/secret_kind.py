from enum import StrEnum


class SecretKind(StrEnum):
    API_KEY_HEADER = "api_key_header"
    BASIC = "basic"
    BEARER = "bearer"
    GENERIC = "generic"
    QUERY = "query"

    def __str__(self) -> str:
        return str(self.value)
