from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class CachedResultRead(BaseModel):
    id: str
    conversation_id: str
    tool_name: str
    tool_call_id: str | None
    item_count: int = Field(description="How many items `/items` pages through.")
    payload: Any = Field(description="The tool's whole result.")
    created_at: datetime
