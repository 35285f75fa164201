"""How ``flowline run`` reads its input and shows a run's events; no server needed."""

from __future__ import annotations

import io

import pytest
import typer
from rich.console import Console

from flowline.cli.progress import RunProgress
from flowline.cli.remote import Event
from flowline.cli.run import parse_input


def test_input_is_json_or_an_empty_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_input(None) == {}
    assert parse_input('{"name": "Ada"}') == {"name": "Ada"}
    assert parse_input("[1, 2]") == [1, 2]
    with pytest.raises(typer.Exit) as caught:
        parse_input("{name: Ada}")
    assert caught.value.exit_code == 2
    assert capsys.readouterr().err.startswith("error: --input: not valid JSON")


def test_progress_shows_each_step_with_its_duration() -> None:
    buffer = io.StringIO()
    progress = RunProgress(Console(file=buffer, width=100, color_system=None), node_width=5)
    step = {"step_id": "step_1", "node_id": "greet", "attempt": 1}
    for event in [
        Event(1, "run.started", {"run_id": "run_1"}, "2026-01-01T00:00:00+00:00"),
        Event(2, "step.started", step, "2026-01-01T00:00:01+00:00"),
        Event(3, "step.succeeded", step, "2026-01-01T00:00:01.250000+00:00"),
        Event(4, "step.started", {**step, "step_id": "step_2", "attempt": 2}, "x"),
        Event(5, "step.failed", {**step, "duration_ms": 2500, "error": {"message": "boom"}}, ""),
        Event(6, "approval.requested", {"node_id": "ok", "title": "Go?", "approval_id": "a_1"}, ""),
        Event(7, "approval.resolved", {"node_id": "ok", "status": "expired", "decision": None}, ""),
        Event(8, "run.failed", {}, ""),
    ]:
        progress.show(event)
    assert buffer.getvalue().splitlines() == [
        "run run_1 started",
        "  ▸ greet  running",
        "  ✓ greet  succeeded  250 ms",
        "  ▸ greet  running (attempt 2)",
        "  ✗ greet  failed  2.5 s  boom",
        "  ? ok: approval requested: Go? (a_1)",
        "  ! ok: approval expired",
        "run failed",
    ]
