from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flowline.auth.scopes import ROLE_SCOPES, Role, grants


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user, through an API key or a browser session."""

    org_id: str
    user_id: str
    role: Role
    is_instance_admin: bool = False
    api_key_id: str | None = None
    key_scopes: frozenset[str] | None = None
    key_expires_at: datetime | None = None
    via: str = "api_key"

    def allows(self, scope: str) -> bool:
        if not grants(ROLE_SCOPES[self.role], scope):
            return False
        return self.key_scopes is None or grants(self.key_scopes, scope)

    @property
    def rate_key(self) -> str:
        return self.api_key_id or self.user_id
