"""The console's figures: first-load size, API time of its pages with 10,000 runs, and
the frame rate of the run page while a 40-step run updates live.

Run ``python -m bench.console`` (``--runs`` to seed another number). It starts
``flowline serve`` on SQLite in a temporary data dir, as a user would, and drives
Debian's Chromium (``/usr/bin/chromium``):

(a) first load: compressed bytes of the documents, scripts and styles a browser fetches
    to show each page (``Content-Encoding`` as Chromium negotiates it; API answers not
    counted), against the 500 KB budget;
(b) the API calls each page makes (the flows list, the runs list, the run page, the
    editor) after ``--runs`` finished runs are stored: the server's own time per call
    from its access log (``duration_ms``), summed per page, median and p95 of
    ``--repeat`` loads (target: 200 ms per page);
(c) the run page open on a 40-node run (38 ``delay`` nodes of 0.1 s) from its start to
    its end: frames counted with ``requestAnimationFrame``, frames per second and the
    longest gap between two frames.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import sync_playwright
from tests.console.serve import ConsoleServer, launch_chromium, start_server, stop_server

BUDGET_BYTES = 500 * 1024
PAGE_TARGET_MS = 200.0


def chain(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    edges = [
        {"id": f"e{i}", "source": a["id"], "target": b["id"]}
        for i, (a, b) in enumerate(itertools.pairwise(nodes))
    ]
    return {"nodes": nodes, "edges": edges}


SMALL = chain(
    [
        {"id": "start", "data": {"node_type": "start"}},
        {"id": "greet", "data": {"node_type": "set", "config": {"values": {"hi": "x"}}}},
        {"id": "done", "data": {"node_type": "end", "config": {"output": "{{ vars.hi }}"}}},
    ]
)
FORTY = chain(
    [
        {"id": "start", "data": {"node_type": "start"}},
        *(
            {"id": f"wait_{i}", "data": {"node_type": "delay", "config": {"seconds": 0.1}}}
            for i in range(38)
        ),
        {"id": "done", "data": {"node_type": "end", "config": {"output": 1}}},
    ]
)


async def seed(server: ConsoleServer, flow_id: str, runs: int) -> float:
    """Start ``runs`` runs through the API, eight at a time, and wait for them all to end."""
    headers = {"Authorization": f"Bearer {server.api_key}"}
    started = time.perf_counter()
    async with httpx.AsyncClient(
        base_url=f"{server.base_url}/api/v1", headers=headers, timeout=60
    ) as client:
        queue = iter(range(runs))

        async def starter() -> None:
            for _ in queue:
                answer = await client.post(f"/flows/{flow_id}/run", json={"input": {}})
                answer.raise_for_status()

        await asyncio.gather(*(starter() for _ in range(8)))
        while True:
            pending = 0
            for status in ("queued", "running"):
                page = await client.get("/runs", params={"status": status, "size": 1})
                pending += page.json()["total"]
            if pending == 0:
                break
            await asyncio.sleep(1)
    return time.perf_counter() - started


def server_times(log: Path, marks: set[str]) -> dict[str, float]:
    """``duration_ms`` of the access-log lines of the requests tagged with ``marks``."""
    found: dict[str, float] = {}
    for line in log.read_text().splitlines():
        if '"request_id"' not in line:
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if entry.get("request_id") in marks and "duration_ms" in entry:
            found[entry["request_id"]] = float(entry["duration_ms"])
    return found


def page_calls(flow_id: str, run_id: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The API calls each page makes when it opens (see console/src/pages)."""
    return {
        "flows list": [("/flows", {"page": 0, "size": 25})],
        "runs list": [("/runs", {"page": 0, "size": 25}), ("/flows", {"size": 100})],
        "runs list, one flow, succeeded": [
            ("/runs", {"flow_id": flow_id, "status": "succeeded", "page": 0, "size": 25}),
            ("/flows", {"size": 100}),
        ],
        # The run is of the flow's current version, whose definition comes with the flow
        # (older versions cost one more call, flows/{id}/versions).
        "run page": [
            (f"/runs/{run_id}", {}),
            (f"/flows/{flow_id}", {}),
            ("/node-types", {"size": 100}),
            (f"/runs/{run_id}/events", {"after_seq": 0, "size": 100}),
        ],
        "flow editor": [(f"/flows/{flow_id}", {}), ("/node-types", {"size": 100})],
    }


def bench_pages(server: ConsoleServer, flow_id: str, run_id: str, repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with server.api() as api:
        for page, calls in page_calls(flow_id, run_id).items():
            totals, clients = [], []
            for _ in range(repeat):
                marks = []
                t0 = time.perf_counter()
                for path, params in calls:
                    mark = f"bench-{uuid.uuid4().hex}"
                    marks.append(mark)
                    api.get(path, params=params, headers={"X-Request-ID": mark}).raise_for_status()
                clients.append((time.perf_counter() - t0) * 1000)
                totals.append(marks)
            time.sleep(0.5)  # the access log is written as each answer goes out
            durations = server_times(server.log, {m for marks in totals for m in marks})
            sums = sorted(sum(durations.get(m, float("nan")) for m in marks) for marks in totals)
            per_call = {
                path: round(
                    statistics.median(durations.get(marks[i], float("nan")) for marks in totals), 1
                )
                for i, (path, _) in enumerate(calls)
            }
            results[page] = {
                "calls": len(calls),
                "server_ms_p50": round(statistics.median(sums), 1),
                "server_ms_p95": round(sums[int(0.95 * (len(sums) - 1))], 1),
                "client_ms_p50": round(statistics.median(clients), 1),
                "server_ms_p50_per_call": per_call,
            }
    return results


def load_size(browser: Any, server: ConsoleServer, path: str, signed_in: bool) -> int:
    """Compressed bytes of the documents, scripts, styles and images that ``path`` loads."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    if signed_in:
        # Signed in without loading a page, so nothing is in the browser's cache yet.
        login = {"email": server.email, "password": server.password}
        context.request.post(f"{server.base_url}/api/v1/auth/login", data=login)
    page = context.new_page()
    seen: list[Any] = []
    page.on("requestfinished", lambda request: seen.append(request))
    page.goto(f"{server.base_url}{path}", wait_until="networkidle")
    total = 0
    for request in seen:
        if request.resource_type in ("document", "script", "stylesheet", "image"):
            total += request.sizes()["responseBodySize"]
    context.close()
    return total


def first_load(browser: Any, server: ConsoleServer, paths: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, path in paths.items():
        total = load_size(browser, server, path, signed_in=name != "sign in")
        out[name] = {
            "bytes": total,
            "kb": round(total / 1024, 1),
            "within_budget": total <= BUDGET_BYTES,
        }
    return out


FRAME_COUNTER = """() => {
  window.__frames = [];
  const tick = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""


def frame_rate(browser: Any, server: ConsoleServer) -> dict[str, Any]:
    with server.api() as api:
        flow = api.post("/flows", json={"name": "forty steps", "definition": FORTY}).json()["data"]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{server.base_url}/login")
    page.get_by_label("Email").fill(server.email)
    page.get_by_label("Password").fill(server.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    with server.api() as api:
        run = api.post(f"/flows/{flow['id']}/run", json={"input": {}}).json()["data"]
    page.goto(f"{server.base_url}/runs/{run['id']}")
    page.locator(".react-flow__node").first.wait_for()
    page.evaluate(FRAME_COUNTER)
    page.get_by_label("Run status: succeeded").wait_for(timeout=120_000)
    frames: list[float] = page.evaluate("() => { window.__stop = true; return window.__frames; }")
    events = page.locator(".events li").count()
    green = page.locator('.flow-node[data-state="succeeded"]').count()
    context.close()
    seconds = (frames[-1] - frames[0]) / 1000
    gaps = [b - a for a, b in itertools.pairwise(frames)]
    return {
        "seconds": round(seconds, 2),
        "frames": len(frames),
        "fps": round((len(frames) - 1) / seconds, 1) if seconds else 0.0,
        "longest_frame_ms": round(max(gaps), 1) if gaps else 0.0,
        "events_shown": events,
        "nodes_green": green,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        # No rate limit: seeding starts runs far faster than a person would.
        env = {"FLOWLINE_ACCESS_LOG": "true", "FLOWLINE_RATE_LIMIT_PER_MINUTE": "0"}
        process, server = start_server(Path(root), env)
        try:
            with server.api() as api:
                flow = api.post("/flows", json={"name": "bench", "definition": SMALL}).json()[
                    "data"
                ]
            seeded = asyncio.run(seed(server, flow["id"], args.runs))
            print(f"seeded {args.runs} runs in {seeded:.0f} s")
            with server.api() as api:
                run_id = api.get("/runs", params={"size": 1}).json()["data"][0]["id"]
            report: dict[str, Any] = {"runs": args.runs}
            report["pages"] = bench_pages(server, flow["id"], run_id, args.repeat)
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                try:
                    report["first_load"] = first_load(
                        browser,
                        server,
                        {
                            "sign in": "/login",
                            "flows list": "/flows",
                            "flow editor": f"/flows/{flow['id']}",
                            "runs list": "/runs",
                            "run page": f"/runs/{run_id}",
                        },
                    )
                    report["forty_step_run"] = frame_rate(browser, server)
                finally:
                    browser.close()
        finally:
            stop_server(process)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
