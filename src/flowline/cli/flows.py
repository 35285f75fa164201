"""``flowline flows``: flow files in a directory, kept in step with a running server."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from flowline.cli.console import EXIT_FAILED, fail, out
from flowline.cli.deploy import Action, Deployed, deploy_flow
from flowline.cli.flowfiles import SUFFIXES, flow_paths, read_flow_files
from flowline.cli.remote import (
    ApiError,
    ApiKeyOption,
    Remote,
    Unreachable,
    UrlOption,
    failure_line,
    resolve_target,
)

app = typer.Typer(add_completion=False, no_args_is_help=True)

_STYLES = {
    Action.CREATED: "green",
    Action.UPDATED: "yellow",
    Action.UNCHANGED: "dim",
    Action.FAILED: "bold red",
}


@app.callback()
def flows() -> None:
    """Flows kept in files (needs a running server)."""


def report_faults(faults: Sequence[str]) -> None:
    """Each fault as an ``error:`` line on stderr, then exit 1."""
    for fault in faults[:-1]:
        typer.echo(f"error: {fault}", err=True)
    fail(faults[-1])


def results_table(results: Sequence[Deployed]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("File", overflow="fold")
    table.add_column("Flow", overflow="fold")
    table.add_column("Result", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for done in results:
        table.add_row(
            Text(done.file.path.name),
            Text(done.file.name),
            Text(done.summary, style=_STYLES[done.action]),
            Text(done.status or ""),
        )
    return table


def print_results(results: Sequence[Deployed]) -> None:
    """The table on stdout, then why each draft is one; failures on stderr."""
    out.print(results_table(results))
    for done in results:
        if done.problems:
            out.print(
                Text(f"{done.file.name} ({done.file.path.name}) is a draft:", style="bold red")
            )
            for problem in done.problems:
                out.print(Text(f"  {problem.get('field', '')}: {problem.get('problem', '')}"))
    for done in results:
        if done.error is not None:
            typer.echo(f"error: {done.file.path}: {done.error}", err=True)


@app.command()
def deploy(
    directory: Annotated[
        Path,
        typer.Argument(
            exists=True, file_okay=False, dir_okay=True, help="Directory of flow files."
        ),
    ],
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Create or update one flow per *.yaml, *.yml or *.json file in DIRECTORY.

    Flows are matched by name: a new name is created, a changed flow is updated
    (a new version when its definition changed), an identical one is left alone.
    Every file is checked first; if any is bad, nothing is sent.
    """
    paths = flow_paths(directory)
    if not paths:
        fail(f"no flow files ({', '.join('*' + s for s in SUFFIXES)}) in {directory}")
    files, faults = read_flow_files(paths)
    if faults:
        report_faults([*faults, f"nothing was deployed ({len(faults)} bad file(s))"])
    target = resolve_target(url, api_key)
    results: list[Deployed] = []
    with Remote(target) as remote:
        for file in files:
            try:
                results.append(deploy_flow(remote, file))
            except (ApiError, Unreachable) as exc:
                if results:
                    print_results(results)
                fail(failure_line(exc))
    print_results(results)
    if any(done.action is Action.FAILED for done in results):
        raise typer.Exit(EXIT_FAILED)
