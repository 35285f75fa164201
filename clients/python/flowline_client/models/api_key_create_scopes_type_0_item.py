from enum import StrEnum


class ApiKeyCreateScopesType0Item(StrEnum):
    ADMIN = "admin"
    AGENTSCHAT = "agents:chat"
    AGENTSREAD = "agents:read"
    AGENTSWRITE = "agents:write"
    APPROVALSREAD = "approvals:read"
    APPROVALSWRITE = "approvals:write"
    CHANNELSREAD = "channels:read"
    CHANNELSWRITE = "channels:write"
    FLOWSREAD = "flows:read"
    FLOWSWRITE = "flows:write"
    GROUPSREAD = "groups:read"
    GROUPSWRITE = "groups:write"
    KNOWLEDGEREAD = "knowledge:read"
    KNOWLEDGEWRITE = "knowledge:write"
    KVREAD = "kv:read"
    KVWRITE = "kv:write"
    MEMORYREAD = "memory:read"
    MEMORYWRITE = "memory:write"
    RUNSREAD = "runs:read"
    RUNSWRITE = "runs:write"
    SCHEDULESREAD = "schedules:read"
    SCHEDULESWRITE = "schedules:write"
    SECRETSREAD = "secrets:read"
    SECRETSWRITE = "secrets:write"
    SKILLSREAD = "skills:read"
    SKILLSWRITE = "skills:write"
    USERSREAD = "users:read"
    USERSWRITE = "users:write"

    def __str__(self) -> str:
        return str(self.value)
