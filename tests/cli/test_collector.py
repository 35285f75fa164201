"""``tune_collector``: what a long-running process does to the garbage collector."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from flowline.cli.collector import OLDER, YOUNG, tune_collector


@pytest.fixture
def collector() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


@pytest.mark.usefixtures("collector")
def test_it_freezes_what_exists_and_spaces_out_collections() -> None:
    gc.unfreeze()
    kept = [object() for _ in range(10)]
    tune_collector()
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_threshold() == (YOUNG, OLDER, OLDER)


@pytest.mark.usefixtures("collector")
def test_cycles_made_later_are_still_collected() -> None:
    tune_collector()

    class Node:
        pass

    node = Node()
    node.self = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    del node
    assert gone() is not None  # a cycle: reference counting alone keeps it
    gc.collect()
    assert gone() is None
