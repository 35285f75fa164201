"""``flowline run``: deploy one flow file, run it, and follow the run to its end.

Progress goes to stderr and the run's output, as JSON, to stdout, so that
``flowline run flow.yaml | jq`` sees only the output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from flowline.cli.console import EXIT_FAILED, EXIT_USAGE, err, fail
from flowline.cli.deploy import Action, deploy_flow
from flowline.cli.flowfiles import FlowFileError, read_flow_file
from flowline.cli.progress import RunProgress
from flowline.cli.remote import (
    ApiError,
    ApiKeyOption,
    Remote,
    Unreachable,
    UrlOption,
    failure_line,
    resolve_target,
)

EXIT_INTERRUPTED = 130

app = typer.Typer(add_completion=False)


def parse_input(text: str | None) -> Any:
    """``--input`` as JSON; ``{}`` when not given. A usage error (code 2) when not JSON."""
    if text is None:
        return {}
    try:
        return json.loads(text)
    except ValueError as exc:
        fail(f"--input: not valid JSON: {exc}", EXIT_USAGE)


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
