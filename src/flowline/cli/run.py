"""``flowline run``: deploy one flow file, run it, and follow the run to its end.

Progress goes to stderr and the run's output, as JSON, to stdout, so that
``flowline run flow.yaml | jq`` sees only the output.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from flowline.cli.console import EXIT_FAILED, EXIT_USAGE, err, fail
from flowline.cli.deploy import Action, deploy_flow
from flowline.cli.flowfiles import FlowFileError, read_flow_file
from flowline.cli.remote import (
    ApiError,
    ApiKeyOption,
    Event,
    Remote,
    Unreachable,
    UrlOption,
    failure_line,
    resolve_target,
)

EXIT_INTERRUPTED = 130

app = typer.Typer(add_completion=False)

_STEP_MARKS = {
    "step.started": ("▸", "running", "cyan"),
    "step.succeeded": ("✓", "succeeded", "green"),
    "step.failed": ("✗", "failed", "bold red"),
    "step.retrying": ("↻", "retrying", "yellow"),
    "step.waiting": ("…", "waiting", "magenta"),
    "step.cancelled": ("✗", "cancelled", "yellow"),
}


def parse_input(text: str | None) -> Any:
    """``--input`` as JSON; ``{}`` when not given. A usage error (code 2) when not JSON."""
    if text is None:
        return {}
    try:
        return json.loads(text)
    except ValueError as exc:
        fail(f"--input: not valid JSON: {exc}", EXIT_USAGE)


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def duration_text(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


class RunProgress:
    """Prints each event of a run as one line as it arrives: node, status, duration."""

    def __init__(self, console: Console, node_width: int = 12) -> None:
        self.console = console
        self.node_width = node_width
        self._started: dict[str, datetime] = {}

    def _duration(self, event: Event) -> str:
        ms = event.data.get("duration_ms")
        if isinstance(ms, int | float):
            return duration_text(ms)
        began = self._started.get(str(event.data.get("step_id")))
        ended = _when(event.created_at)
        if began is None or ended is None:
            return ""
        return duration_text((ended - began).total_seconds() * 1000)

    def show(self, event: Event) -> None:
        data = event.data
        mark = _STEP_MARKS.get(event.type)
        if mark is not None:
            symbol, status, style = mark
            node = str(data.get("node_id", "?"))
            line = Text(f"  {symbol} ", style=style)
            line.append(node.ljust(self.node_width), style="bold")
            line.append(f"  {status}", style=style)
            if event.type == "step.started":
                began = _when(event.created_at)
                if began is not None:
                    self._started[str(data.get("step_id"))] = began
                attempt = data.get("attempt")
                if isinstance(attempt, int) and attempt > 1:
                    line.append(f" (attempt {attempt})", style="dim")
            elif event.type != "step.waiting":
                took = self._duration(event)
                if took:
                    line.append(f"  {took}", style="dim")
            error = data.get("error")
            if isinstance(error, dict) and error.get("message"):
                line.append(f"  {error['message']}", style="red")
            self.console.print(line)
            return
        if event.type == "approval.requested":
            line = Text(f"  ? {data.get('node_id', '?')}: approval requested", style="magenta")
            if data.get("title"):
                line.append(f": {data['title']}")
            line.append(f" ({data.get('approval_id', '')})", style="dim")
            self.console.print(line)
        elif event.type == "approval.resolved":
            decision = data.get("decision") or data.get("status") or ""
            self.console.print(
                Text(f"  ! {data.get('node_id', '?')}: approval {decision}", style="magenta")
            )
        elif event.type == "run.started":
            self.console.print(Text(f"run {data.get('run_id', '')} started", style="dim"))
        elif event.type == "run.waiting":
            self.console.print(Text("run waiting (it holds no worker meanwhile)", style="dim"))
        elif event.type in ("run.succeeded", "run.failed", "run.cancelled"):
            self.console.print(Text(event.type.replace(".", " "), style="dim"))
        else:
            self.console.print(Text(event.type, style="dim"))


def _node_width(definition: dict[str, Any]) -> int:
    ids = [str(node.get("id", "")) for node in definition.get("nodes", [])]
    return min(max((len(i) for i in ids), default=8), 32)


def _finish(run: dict[str, Any]) -> None:
    """Print the outcome of a finished run and exit accordingly."""
    status = run.get("status")
    if status == "succeeded":
        typer.echo(json.dumps(run.get("output"), indent=2, ensure_ascii=False))
        return
    if status == "cancelled":
        err.print(Text(f"run {run['id']} was cancelled; there is no output", style="yellow"))
        raise typer.Exit(EXIT_FAILED)
    error = run.get("error") or {}
    message = error.get("message") or f"the run ended {status}"
    where = f" at node {error['node_id']}" if error.get("node_id") else ""
    code = f" ({error['code']})" if error.get("code") else ""
    fail(f"run {run['id']} failed{where}: {message}{code}")


@app.command()
def run(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True, file_okay=True, dir_okay=False, help="A flow file (YAML or JSON)."
        ),
    ],
    input: Annotated[
        str | None,
        typer.Option("--input", help="The run's input as JSON.  [default: {}]"),
    ] = None,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Deploy FILE (create or update its flow by name), run it and show its steps live.

    Prints the run's output as JSON on stdout when it succeeds (exit 0); the
    error when it fails, or a note when it is cancelled (exit 1).
    """
    run_input = parse_input(input)
    try:
        flow_file = read_flow_file(file)
    except FlowFileError as exc:
        fail(str(exc))
    target = resolve_target(url, api_key)
    with Remote(target) as remote:
        try:
            done = deploy_flow(remote, flow_file)
            if done.action is Action.FAILED or done.flow_id is None:
                fail(f"{file}: {done.error}")
            err.print(Text(f"flow {flow_file.name!r}: {done.summary}", style="dim"))
            if done.problems:
                for problem in done.problems:
                    err.print(Text(f"  {problem.get('field')}: {problem.get('problem')}", "red"))
                fail(f"flow {flow_file.name!r} has problems and is a draft; fix them to run it")
            started = remote.start_run(done.flow_id, run_input)
            run_id = str(started["id"])
            progress = RunProgress(err, _node_width(flow_file.definition))
            try:
                for event in remote.follow_events(run_id):
                    progress.show(event)
            except KeyboardInterrupt:
                err.print(f"stopped following run {run_id}; it goes on on the server")
                raise typer.Exit(EXIT_INTERRUPTED) from None
            final = remote.get_run(run_id)
        except (ApiError, Unreachable) as exc:
            fail(failure_line(exc))
    _finish(final)
