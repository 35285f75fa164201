"""No module imports, at its top level, an SDK or model library that only one feature uses.

Each of these costs start time and resident memory in every server and worker (tens of
MB together); they load with their feature's first use instead (an import inside the
function that needs it; ``if TYPE_CHECKING:`` for annotations). ``bench/startup.py``
measures what ``import flowline.app`` loads. Checked on the source (no interpreter
start): a module's top-level imports, outside ``if TYPE_CHECKING:`` blocks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "flowline"
MIGRATIONS = SRC.parents[1] / "migrations"
"""Every process that migrates (each ``flowline serve`` and worker at start) loads every
revision's file, and the modules it imports stay loaded."""

LAZY = {
    "anthropic",
    "openai",
    "mcp",
    "mcp_types",
    "boto3",
    "botocore",
    "tiktoken",
    "docx",
    "icalendar",
    "pypdf",
    "wordllama",
    "numpy",
    "tokenizers",
    "safetensors",
    "slack_sdk",
    "moto",
    "semchunk",
    "asyncpg",  # PostgreSQL's bus and scheduler lock; SQLAlchemy loads it for PostgreSQL
    "selectolax",
}
ADAPTERS = {
    "flowline.llm.anthropic": {"anthropic"},
    "flowline.llm.openai": {"openai"},
    "flowline.attachments.s3": {"boto3", "botocore"},
}
"""Modules that are the SDK's adapter: they may import it at the top, and are themselves
imported only where the feature is used."""


def _top_level_imports(tree: ast.Module) -> Iterator[str]:
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if isinstance(node, ast.If | ast.Try) else [node]:
            if isinstance(inner, ast.Import):
                yield from (alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                yield inner.module
                yield from (f"{inner.module}.{alias.name}" for alias in inner.names)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_feature_sdks_are_imported_where_they_are_used_not_at_start_up() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = _module_name(path)
        for imported in _top_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            root = imported.split(".")[0]
            sdk = root in LAZY and root not in ADAPTERS.get(name, set())
            if sdk or (imported in ADAPTERS and name != imported):
                found.append(f"{name}: {imported}")
    assert found == []


def test_migrations_import_no_feature_sdk() -> None:
    found = []
    for path in sorted(MIGRATIONS.rglob("*.py")):
        for imported in _top_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if imported.split(".")[0] in LAZY:
                found.append(f"{path.relative_to(MIGRATIONS)}: {imported}")
    assert found == []
