"""``flowline approvals``: list, show, approve (with edited arguments) and deny."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from flowline.cli.api import (
    Api,
    JsonOption,
    assignments,
    connected,
    print_json,
    print_record,
    table,
)
from flowline.cli.console import EXIT_USAGE, fail, out
from flowline.cli.remote import ApiKeyOption, UrlOption

app = typer.Typer(add_completion=False, no_args_is_help=True)

ApprovalId = Annotated[str, typer.Argument(help="The approval's id.")]
CommentOption = Annotated[str | None, typer.Option(help="Why, for the record.")]
FIELDS = ["id", "kind", "status", "title", "description", "run_id", "node_id"]
FIELDS += ["payload", "expires_at", "created_at", "decision", "comment"]


@app.callback()
def approvals() -> None:
    """Approvals waiting for people: tool calls and flow steps."""


@app.command("list")
def list_pending(
    as_json: JsonOption = False, url: UrlOption = None, api_key: ApiKeyOption = None
) -> None:
    """Pending approvals, newest first."""
    with connected(url, api_key) as api:
        answer = api.get("/api/v1/approvals/pending", size=100)
    if as_json:
        print_json(answer)
        return
    rows = [
        [a["id"], a.get("kind"), a.get("title"), a.get("run_id"), a.get("created_at")]
        for a in answer["data"]
    ]
    out.print(table(["Approval", "Kind", "Title", "Run", "Created"], rows))


@app.command()
def show(
    approval_id: ApprovalId,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """One approval, with what it would do (its payload or tool arguments)."""
    with connected(url, api_key) as api:
        approval = api.get(f"/api/v1/approvals/{approval_id}")["data"]
    if as_json:
        print_json(approval)
    else:
        print_record(approval, FIELDS)


def edited_arguments(
    api: Api, approval_id: str, from_file: Path | None, sets: list[str]
) -> dict[str, Any] | None:
    """The arguments to approve with: a file's JSON object, then each ``--set`` on top
    (on the approval's own payload when there is no file); ``None``: approve as asked."""
    if from_file is None and not sets:
        return None
    changes = assignments(sets, "--set")
    if from_file is not None:
        try:
            base = json.loads(from_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            fail(f"--arguments: {from_file}: {exc}", EXIT_USAGE)
        if not isinstance(base, dict):
            fail(f"--arguments: {from_file} must hold a JSON object", EXIT_USAGE)
    else:
        payload = api.get(f"/api/v1/approvals/{approval_id}")["data"].get("payload")
        base = dict(payload) if isinstance(payload, dict) else {}
    return {**base, **changes}


@app.command()
def approve(
    approval_id: ApprovalId,
    arguments: Annotated[
        Path | None,
        typer.Option(
            "--arguments",
            exists=True,
            dir_okay=False,
            help="A JSON file of edited arguments (or payload) to approve with.",
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="key=value: change one argument (value as JSON, else text). Repeatable.",
        ),
    ] = None,
    comment: CommentOption = None,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Approve, as asked or with edited arguments."""
    with connected(url, api_key) as api:
        body: dict[str, Any] = {"decision": "approve"}
        edited = edited_arguments(api, approval_id, arguments, set_ or [])
        if edited is not None:
            body["arguments"] = edited
        if comment:
            body["comment"] = comment
        answer = api.post(f"/api/v1/approvals/{approval_id}/respond", body)["data"]
    _answered(answer, as_json)


@app.command()
def deny(
    approval_id: ApprovalId,
    comment: CommentOption = None,
    as_json: JsonOption = False,
    url: UrlOption = None,
    api_key: ApiKeyOption = None,
) -> None:
    """Deny; the comment is told to the agent or recorded on the run."""
    body: dict[str, Any] = {"decision": "deny"}
    if comment:
        body["comment"] = comment
    with connected(url, api_key) as api:
        answer = api.post(f"/api/v1/approvals/{approval_id}/respond", body)["data"]
    _answered(answer, as_json)


def _answered(answer: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(answer)
    else:
        out.print(f"approval {answer.get('id')} {answer.get('status')}")
