"""Embedders: text to unit vectors, behind one Protocol and a registry.

- ``wordllama`` (the default): the static embedding model whose weights and tokenizer
  ship inside the ``wordllama`` wheel, loaded from the package's own files (its
  ``load()`` looks for the tokenizer under another name and then tries to download
  it; nothing here touches the network).
- ``openai``: any OpenAI-compatible ``POST {base_url}/embeddings``, called through the
  one outbound client (network rules, redaction, retries).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from flowline.db.models import KnowledgeBase
from flowline.errors import ValidationFailed
from flowline.outbound.client import Credential, OutboundClient, OutboundRequest
from flowline.runtime import Runtime
from flowline.secrets import service as secrets

# numpy, tokenizers and wordllama load with the first embedding, not at start-up.
if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference  # type: ignore[import-untyped]

    Vectors = npt.NDArray[np.float32]
WORDLLAMA_WEIGHTS = "weights/l2_supercat_256.safetensors"
WORDLLAMA_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
OPENAI_BATCH = 128
INLINE_CHARACTERS = 2_000
"""Texts this short (a search query) are embedded on the event loop: well under a
millisecond, less than handing them to a thread and back."""
SPACE = "\u2581"
"""The tokenizer's normaliser puts this mark first and in place of every space."""
_WORDS = re.compile(f"{SPACE}+[^{SPACE}]*")
WORD_CACHE = 1 << 15
"""Words whose token ids are kept (a few MB at most)."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows, one per text."""

    @property
    def key(self) -> str:
        """Names the vector space: vectors of two keys are never compared."""
        ...

    async def embed(self, texts: list[str]) -> Vectors: ...


def normalise(vectors: Vectors) -> Vectors:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: Vectors = (vectors / norms).astype(np.float32, copy=False)
    return normalised


@functools.cache
def wordllama_tokenizer() -> Tokenizer:
    """The tokenizer packaged with the wordllama wheel (also counts chunk tokens)."""
    from tokenizers import Tokenizer

    path = resources.files("wordllama") / WORDLLAMA_TOKENIZER
    return Tokenizer.from_str(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=WORD_CACHE)
def word_ids(word: str) -> tuple[int, ...]:
    """The token ids of one word of :func:`token_ids`."""
    return tuple(token.id for token in wordllama_tokenizer().model.tokenize(word))


def words_of(text: str) -> list[str]:
    """The text as the tokenizer's normaliser makes it, cut before each run of space
    marks: the tokenizer has no pre-tokenizer, so it runs BPE over a whole text, but no
    token of its vocabulary holds the mark after another character, so no merge crosses
    these cuts and a text's tokens are its words' tokens one after the other."""
    return _WORDS.findall(SPACE + text.replace(" ", SPACE)) if text else []


def token_ids(text: str) -> list[int]:
    """``wordllama_tokenizer().encode(text, add_special_tokens=False).ids``, word by
    word, each word's BPE done once (then remembered): a few times quicker."""
    ids: list[int] = []
    for word in words_of(text):
        ids.extend(word_ids(word))
    return ids


def _import_wordllama() -> type[WordLlamaInference]:
    """wordllama's model class, imported with the first embedding (not at start-up).

    wordllama calls logging.basicConfig(level=INFO) when imported, which would make every
    library's INFO lines (alembic's, httpx's) reach stderr in the CLI and the server: keep
    the root logger as the process configured it.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama.inference import WordLlamaInference
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    found: type[WordLlamaInference] = WordLlamaInference
    return found


@functools.cache
def _wordllama_model() -> WordLlamaInference:
    import numpy as np
    from safetensors.numpy import load_file  # heavy; only once the model is needed
    from tokenizers import Tokenizer

    model_class = _import_wordllama()
    path = resources.files("wordllama") / WORDLLAMA_WEIGHTS
    weights = load_file(str(path))["embedding.weight"].astype(np.float32)
    # The model enables padding on the tokenizer it is given; keep the shared one clean.
    tokenizer = Tokenizer.from_str(wordllama_tokenizer().to_str())
    return model_class(weights, tokenizer)


class WordLlamaEmbedder:
    """wordllama's model: the mean of a text's token rows of its weights, normalised.
    The model's own ``embed`` gives the same vectors (the tests compare them), but it
    tokenizes whole texts and pads each batch to its longest: summing each text's rows
    from :func:`token_ids` costs about a quarter of its CPU time."""

    key = "wordllama:l2_supercat_256"

    def embed_now(self, texts: list[str]) -> Vectors:
        import numpy as np

        weights = _wordllama_model().embedding
        summed = np.zeros((len(texts), weights.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = token_ids(text)
            if ids:
                weights.take(ids, axis=0).sum(axis=0, out=summed[row])
        return normalise(summed)

    async def embed(self, texts: list[str]) -> Vectors:
        loaded = _wordllama_model.cache_info().currsize > 0  # loading takes a while
        if loaded and sum(len(text) for text in texts) <= INLINE_CHARACTERS:
            return self.embed_now(texts)  # a query: quicker than a hop to a thread
        return await asyncio.to_thread(self.embed_now, texts)


@dataclass(frozen=True, slots=True)
class OpenAIEmbedder:
    """``POST {base_url}/embeddings`` with ``{"model", "input": [...]}``."""

    client: OutboundClient
    base_url: str
    model: str
    credential: Credential | None = None
    """The secret named by the KB's ``api_key_secret``, sent as a bearer token."""

    @property
    def key(self) -> str:
        return f"openai:{self.base_url}:{self.model}"

    async def embed(self, texts: list[str]) -> Vectors:
        rows: list[list[float]] = []
        url = self.base_url.rstrip("/") + "/embeddings"
        for start in range(0, len(texts), OPENAI_BATCH):
            batch = texts[start : start + OPENAI_BATCH]
            answer = await self.client.send(
                OutboundRequest(
                    "POST",
                    url,
                    json_body={"model": self.model, "input": batch},
                    credential=self.credential,
                )
            )
            rows.extend(_openai_rows(answer.status, answer.body, len(batch)))
        import numpy as np

        if not rows:
            return np.zeros((0, 1), dtype=np.float32)
        return normalise(np.asarray(rows, dtype=np.float32))


def _openai_rows(status: int, body: Any, expected: int) -> list[list[float]]:
    if status >= 400 or not isinstance(body, dict) or not isinstance(body.get("data"), list):
        raise EmbeddingFailed(f"The embeddings endpoint answered {status} without vectors.")
    items = sorted(body["data"], key=lambda item: int(item.get("index", 0)))
    if len(items) != expected:
        raise EmbeddingFailed(f"The embeddings endpoint gave {len(items)} of {expected} vectors.")
    return [list(item["embedding"]) for item in items]


class EmbeddingFailed(ValidationFailed):
    code = "EMBEDDING_FAILED"
    status = 502


DEFAULT_EMBEDDER = WordLlamaEmbedder()
PROVIDERS = ("wordllama", "openai")


async def embedder_for(session: AsyncSession, runtime: Runtime, kb: KnowledgeBase) -> Embedder:
    """The KB's embedder; an ``openai`` one with its API key secret resolved now."""
    config = kb.embedding or {}
    if config.get("provider", "wordllama") == "wordllama":
        return DEFAULT_EMBEDDER
    credential = None
    secret_name = config.get("api_key_secret")
    base_url = str(config["base_url"])
    if secret_name:
        value = await secrets.reveal(session, kb.org_id, str(secret_name), runtime.secret_box)
        host = urlsplit(base_url).hostname or ""
        credential = Credential(name=str(secret_name), kind="bearer", value=value, hosts=(host,))
    return OpenAIEmbedder(runtime.outbound, base_url, str(config["model"]), credential)
