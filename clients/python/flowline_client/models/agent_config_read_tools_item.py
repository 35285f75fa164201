from enum import StrEnum


class AgentConfigReadToolsItem(StrEnum):
    ASK_USER = "ask_user"
    CURRENT_TIME = "current_time"
    KNOWLEDGE_SEARCH = "knowledge_search"
    KV_GET = "kv_get"
    KV_SET = "kv_set"
    LOAD_SKILL = "load_skill"
    MEMORY_APPEND = "memory_append"
    MEMORY_INSERT = "memory_insert"
    MEMORY_REPLACE = "memory_replace"
    MEMORY_SEARCH = "memory_search"

    def __str__(self) -> str:
        return str(self.value)
