"""Each supported file type comes out as its text; splitting keeps to the token budget."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from flowline.knowledge import parsing
from flowline.knowledge.embedders import (
    DEFAULT_EMBEDDER,
    _wordllama_model,
    token_ids,
    wordllama_tokenizer,
)
from tests.knowledge.builders import docx_bytes, pdf_bytes


def test_pdf_text_is_extracted() -> None:
    text = parsing.extract(pdf_bytes("Invoices are due within thirty days"), "pdf")
    assert "Invoices are due within thirty days" in text


def test_docx_paragraphs_are_extracted() -> None:
    text = parsing.extract(docx_bytes("First clause.", "Second clause."), "docx")
    assert text == "First clause.\n\nSecond clause."


def test_html_drops_scripts_and_styles() -> None:
    html = (
        b"<html><head><style>p{}</style><script>var x</script></head>"
        b"<body><h1>Title</h1><p>Body text</p></body></html>"
    )
    assert parsing.extract(html, "html") == "Title\nBody text"


def test_csv_rows_keep_their_column_names() -> None:
    text = parsing.extract(b"sku,price\nA1,10\nB2,20\n", "csv")
    assert text == "sku: A1; price: 10\nsku: B2; price: 20"


def test_json_and_markdown_and_text() -> None:
    assert json.loads(parsing.extract(b'{"a": [1, 2]}', "json")) == {"a": [1, 2]}
    assert parsing.extract(b"# Head\n\nbody", "markdown") == "# Head\n\nbody"
    assert parsing.extract("caf\u00e9".encode(), "text") == "caf\u00e9"


@pytest.mark.parametrize(
    ("content_type", "filename", "kind"),
    [
        ("application/octet-stream", "a.PDF", "pdf"),
        ("application/pdf", None, "pdf"),
        ("text/markdown; charset=utf-8", None, "markdown"),
        (None, "notes.docx", "docx"),
        ("text/csv", "x", "csv"),
    ],
)
def test_kind_of(content_type: str | None, filename: str | None, kind: str) -> None:
    assert parsing.kind_of(content_type, filename) == kind


def test_an_unsupported_or_broken_file_is_refused() -> None:
    with pytest.raises(parsing.UnreadableDocument):
        parsing.kind_of("image/png", "a.png")
    with pytest.raises(parsing.UnreadableDocument):
        parsing.extract(b"not a pdf", "pdf")
    with pytest.raises(parsing.UnreadableDocument):
        parsing.extract(b"{nope", "json")


def test_split_keeps_chunks_within_the_budget() -> None:
    text = " ".join(f"Sentence number {i} says something about topic {i % 7}." for i in range(300))
    pieces = parsing.split(text, 64, 8)
    assert len(pieces) > 10
    assert all(0 < p.tokens <= 64 for p in pieces)
    assert pieces[0].text.startswith("Sentence number 0")


def test_split_counts_each_piece_right_and_keeps_no_count_after() -> None:
    """Token counts are the tokenizer's, and nothing of a split stays in the process
    (semchunk's own memo of counts is process-wide and never emptied)."""
    from semchunk import semchunk

    def remembered() -> int:
        return sum(f.cache_info().currsize for f in semchunk._memoized_token_counters.values())

    before = remembered()
    text = " ".join(f"Clause {i} binds the parties to term {i % 5}." for i in range(200))
    pieces = parsing.split(text, 48, 0)
    assert [p.tokens for p in pieces] == [parsing.count_tokens(p.text) for p in pieces]
    assert remembered() == before


def test_the_packaged_embedder_ranks_meaning_offline() -> None:
    docs = DEFAULT_EMBEDDER.embed_now(
        [
            "Refunds are paid back to the original card within five business days.",
            "Our office opens at nine in the morning on weekdays.",
        ]
    )
    query = DEFAULT_EMBEDDER.embed_now(["when will I get my money back"])
    scores = docs @ query[0]
    assert scores[0] > scores[1]


CORPUS = Path(__file__).parent / "corpus"
ODD_TEXTS = [
    "",
    " ",
    "  two  spaces, a tab\tand\n\nnew lines  ",
    "accents é, emoji \U0001f642, 中文, and a mark \u2581 in the text",
    "\u2581\u2581leading marks",
    "trailing spaces   ",
    "x" * 300,
]


def corpus_texts() -> list[str]:
    """The shipped corpus's text files in slices of a few hundred characters, and odd texts."""
    texts = list(ODD_TEXTS)
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".md", ".html", ".csv", ".json"):
            text = path.read_text(encoding="utf-8")
            texts += [text[i : i + 400] for i in range(0, len(text), 150)]
    return texts


def test_token_ids_word_by_word_are_the_tokenizers_own() -> None:
    """Tokenizing word by word gives the ids (so the counts) of BPE over the whole text."""
    tokenizer = wordllama_tokenizer()
    for text in corpus_texts():
        assert token_ids(text) == tokenizer.encode(text, add_special_tokens=False).ids, text
        pieces = parsing.split(text, 48, 8)
        assert [p.tokens for p in pieces] == [parsing.count_tokens(p.text) for p in pieces]


def test_the_packaged_embedder_gives_wordllamas_own_vectors() -> None:
    texts = [text for text in corpus_texts() if text.strip()]
    expected = np.asarray(_wordllama_model().embed(texts, norm=True), dtype=np.float32)
    assert np.allclose(DEFAULT_EMBEDDER.embed_now(texts), expected, atol=1e-6)
    assert not DEFAULT_EMBEDDER.embed_now([""]).any()  # no token: a zero vector
