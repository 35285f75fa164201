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


@pytest.fixture(scope="module")
async def ready_instance(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Instance]:
    """One initialised instance shared by the tests of a module that only add to it
    (each command is a new process that takes seconds to start)."""
    async with fresh_instance(tmp_path_factory.mktemp("instance")) as made:
        result = await made.cli("init")
        assert result.code == 0, result.stderr
        yield made
