"""The name a person gives a record (a flow, a group, a channel, a schedule, a task).

One line of at most ``MAX_NAME_LENGTH`` characters (spaces around counted) without
control characters, holding something other than spaces; it is stored trimmed. The
validator and the JSON schema are made from the same pattern, so the document states
exactly the rule the code enforces.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

MAX_NAME_LENGTH = 200
SPACES = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""The characters ``str.isspace`` calls spaces, for a class (``[^{SPACES}@]``): Python's
``\\s``, spelt out, since JSON Schema's regular expressions (ECMA 262) and pydantic's
(Rust) read ``\\s`` each as another set."""
LINE_CHAR = r"[^\x00-\x1f\x7f]"
"""A character of one line: anything but a control character."""
VISIBLE_CHAR = r"[^\x00-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""A character ``str.strip`` keeps: neither a control character nor a space of any kind."""
NOT_BLANK_PATTERN = (
    r"[^\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
"""Holds a character ``str.strip`` keeps (a search, not anchored): text not blank."""
NAME_PATTERN = rf"^{LINE_CHAR}*{VISIBLE_CHAR}{LINE_CHAR}*$"
_NAME = re.compile(NAME_PATTERN)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_name(value: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """``value`` trimmed, or ``ValueError`` saying what is wrong."""
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    if len(value) > max_length or not _NAME.fullmatch(value):
        raise ValueError(f"must be 1 to {max_length} characters, not only spaces")
    return value.strip()


Name = Annotated[
    str,
    AfterValidator(check_name),
    Field(
        json_schema_extra={
            "minLength": 1,
            "maxLength": MAX_NAME_LENGTH,
            "pattern": NAME_PATTERN,
        }
    ),
]
"""A record's name (see the module); its description stays the field's own."""


HTTP_URL_PATTERN = (
    r"^https?://[A-Za-z0-9.-]+(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}))?"
    r"(?:/[^\s?#\x00-\x1f\x7f]*)?$"
)
"""An ``http://`` or ``https://`` address without credentials, query or fragment, as
the document states it for the URLs Flowline calls (a model provider, an MCP server):
every one the pattern allows is accepted."""
HTTP_URL_QUERY_PATTERN = HTTP_URL_PATTERN.removesuffix("$") + r"(?:\?[^\s#\x00-\x1f\x7f]*)?$"
"""The same with a query (a page or an API that Flowline fetches)."""
