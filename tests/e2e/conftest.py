from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.cli.environment import Instance, fresh_instance


@pytest.fixture
async def instance(tmp_path: Path) -> AsyncIterator[Instance]:
    """A fresh, empty instance for this test alone."""
    async with fresh_instance(tmp_path) as made:
        yield made
