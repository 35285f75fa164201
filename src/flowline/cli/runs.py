"""``flowline runs``: list, show, watch, cancel and retry runs (needs a running server)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from flowline.cli.api import JsonOption, connected, print_json, print_record, table
from flowline.cli.console import EXIT_FAILED, err, out
from flowline.cli.progress import RunProgress
from flowline.cli.remote import ApiKeyOption, UrlOption

app = typer.Typer(add_completion=False, no_args_is_help=True)

RunId = Annotated[str, typer.Argument(help="The run's id (run_…).")]
RUN_FIELDS = ["id", "kind", "status", "flow_id", "agent_id", "trigger", "created_at"]
RUN_FIELDS += ["started_at", "finished_at", "input", "output", "error"]


@app.callback()
def runs() -> None:
    """Runs of flows and agent turns."""


@app.command("list")
def list_runs(
    status: Annotated[str | None, typer.Option(help="Only runs with this status.")] = None,
    flow: Annotated[str | None, typer.Option(help="Only runs of this flow (its id).")] = None,
    page: Annotated[int, typer.Option(min=0, help="Page, from 0.")] = 0,
    size: Annotated[int, typer.Option(min=1, max=100, help="Runs per page.")] = 25,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """The newest runs first."""
    with connected(url, api_key) as api:
        answer = api.get("/api/v1/runs", status=status, flow_id=flow, page=page, size=size)
    if as_json:
        print_json(answer)
        return
    rows = [
        [
            r["id"],
            r.get("kind"),
            r["status"],
            r.get("flow_id") or r.get("agent_id"),
            r["created_at"],
        ]
        for r in answer["data"]
    ]
    out.print(table(["Run", "Kind", "Status", "Flow or agent", "Created"], rows))
    out.print(f"page {answer['page']} of {max(answer['pages'], 1)}, {answer['total']} runs")


@app.command()
def show(
    run_id: RunId, as_json: JsonOption = False, url: UrlOption = None, api_key: ApiKeyOption = None
) -> None:
    """A run and its steps."""
    with connected(url, api_key) as api:
        run = api.get(f"/api/v1/runs/{run_id}")["data"]
    if as_json:
        print_json(run)
        return
    print_record(run, RUN_FIELDS)
    steps = run.get("steps") or []
    if steps:
        rows = [[s.get("node_id"), s.get("status"), s.get("attempt"), _error(s)] for s in steps]
        out.print(table(["Step", "Status", "Attempt", "Error"], rows))


def _error(record: dict[str, Any]) -> str:
    error = record.get("error")
    return str(error.get("message", "")) if isinstance(error, dict) else ""


@app.command()
def watch(
    run_id: RunId, as_json: JsonOption = False, url: UrlOption = None, api_key: ApiKeyOption = None
) -> None:
    """Follow a run's events until it ends; exit 1 unless it succeeded.

    With --json, one JSON object per event and line (seq, type, data, created_at).
    """
    final = ""
    with connected(url, api_key) as api:
        progress = RunProgress(err)
        for event in api.follow_events(run_id):
            if as_json:
                typer.echo(
                    json.dumps(
                        {
                            "seq": event.seq,
                            "type": event.type,
                            "data": event.data,
                            "created_at": event.created_at,
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                progress.show(event)
            final = event.type
    if final != "run.succeeded":
        raise typer.Exit(EXIT_FAILED)


def _act(run_id: str, action: str, as_json: bool, url: str | None, key: str | None) -> None:
    with connected(url, key) as api:
        run = api.post(f"/api/v1/runs/{run_id}/{action}")["data"]
    if as_json:
        print_json(run)
    else:
        out.print(f"run {run['id']} {run['status']}")


@app.command()
def cancel(
    run_id: RunId, as_json: JsonOption = False, url: UrlOption = None, api_key: ApiKeyOption = None
) -> None:
    """Cancel a run that has not ended (its waiting approvals and questions too)."""
    _act(run_id, "cancel", as_json, url, api_key)


@app.command()
def retry(
    run_id: RunId, as_json: JsonOption = False, url: UrlOption = None, api_key: ApiKeyOption = None
) -> None:
    """Resume a failed run from the steps it stopped at."""
    _act(run_id, "retry", as_json, url, api_key)
