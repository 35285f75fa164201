"""A run's events as lines in the terminal, for ``flowline run`` and ``flowline runs watch``.

Kept apart from ``flowline.cli.run``: that module reads flow files, which needs the
engine's graph; watching a run needs only the events.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.text import Text

from flowline.cli.remote import Event

_STEP_MARKS = {
    "step.started": ("▸", "running", "cyan"),
    "step.succeeded": ("✓", "succeeded", "green"),
    "step.failed": ("✗", "failed", "bold red"),
    "step.retrying": ("↻", "retrying", "yellow"),
    "step.waiting": ("…", "waiting", "magenta"),
    "step.cancelled": ("✗", "cancelled", "yellow"),
}


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
