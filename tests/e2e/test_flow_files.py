"""``flowline flows deploy`` and ``flowline run`` as processes against a real server."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.cli.environment import CliResult, Instance, fresh_instance
from tests.e2e.test_serve import Server, Servers
from tests.postgres import PG_URL

# What these check (files, changes, output) does not depend on the database, and
# each command pays the CLI's start-up: they run once, in the SQLite pass.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(PG_URL is not None, reason="database-independent; runs on SQLite"),
]

EXAMPLE = Path(__file__).parents[2] / "examples" / "flows" / "hello.yaml"

SECOND = {
    "name": "Second",
    "status": "active",
    "definition": {
        "nodes": [
            {"id": "start", "data": {"node_type": "start"}},
            {"id": "end", "data": {"node_type": "end"}},
        ],
        # an edge to a node that does not exist: saved, as a draft with a problem
        "edges": [{"id": "e1", "source": "start", "target": "missing"}],
    },
}

FAILING = """\
name: Failing
definition:
  nodes:
    - {id: start, data: {node_type: start}}
    - id: end
      data: {node_type: end, config: {output: "{{ input.nowhere.deeper }}"}}
  edges:
    - {id: e1, source: start, target: end}
"""


@dataclass(frozen=True, slots=True)
class Live:
    """A running server and the instance it serves."""

    instance: Instance
    process: Server

    @property
    def base_url(self) -> str:
        return self.process.base_url


@pytest.fixture(scope="module")
async def server(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Live]:
    """One server for the module: each command is a process that takes seconds to start."""
    async with fresh_instance(tmp_path_factory.mktemp("flow-files")) as instance, Servers() as s:
        yield Live(instance, await s.serve(instance))


async def cli(server: Live, *args: str, **env: str) -> CliResult:
    """``flowline <args>`` pointed at the server (the key comes from initial-credentials)."""
    return await server.instance.cli(*args, env={"FLOWLINE_URL": server.base_url, **env})


async def api_flows(server: Live) -> dict[str, dict[str, Any]]:
    key = server.instance.credentials()["api_key"]
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as client:
        answer = await client.get(
            "/api/v1/flows", params={"size": 100}, headers={"Authorization": f"Bearer {key}"}
        )
    assert answer.status_code == 200, answer.text
    return {flow["name"]: flow for flow in answer.json()["data"]}


def rows(result: CliResult) -> dict[str, str]:
    """File name -> its table row, from the deploy table on stdout."""
    found = {}
    for line in result.stdout.splitlines():
        for name in ("hello.yaml", "second.json", "third.yml"):
            if line.strip().startswith(name):
                found[name] = line
    return found


async def test_deploy_creates_leaves_alone_updates_and_refuses_bad_files(
    server: Live, tmp_path: Path
) -> None:
    flows_dir = tmp_path / "flows"
    flows_dir.mkdir()
    hello = flows_dir / "hello.yaml"
    hello.write_text(EXAMPLE.read_text())
    (flows_dir / "second.json").write_text(json.dumps({"flow": SECOND}))
    (flows_dir / "README.md").write_text("not a flow")

    # the port alone is enough: http://FLOWLINE_HOST:FLOWLINE_PORT
    port = server.base_url.rsplit(":", 1)[1]
    first = await server.instance.cli(
        "flows", "deploy", str(flows_dir), env={"FLOWLINE_PORT": port}
    )
    assert first.code == 0, first.stderr + first.stdout
    table = rows(first)
    assert "created (v1)" in table["hello.yaml"]
    assert "active" in table["hello.yaml"]
    assert "created (v1)" in table["second.json"]
    assert "draft" in table["second.json"]
    assert "definition.edges[0].target" in first.stdout  # the server's problem, shown

    again = await cli(server, "flows", "deploy", str(flows_dir))
    assert again.code == 0, again.stderr
    assert all("unchanged" in row for row in rows(again).values()), again.stdout
    assert len(rows(again)) == 2

    hello.write_text(hello.read_text().replace("hello {{", "hi there {{"))
    (flows_dir / "third.yml").write_text("name: Third\ndefinition: {}\nstatus: inactive\n")
    edited = await cli(server, "flows", "deploy", str(flows_dir))
    assert edited.code == 0, edited.stderr
    table = rows(edited)
    assert "updated (v1 → v2)" in table["hello.yaml"]
    assert "unchanged" in table["second.json"]
    assert "created (v1)" in table["third.yml"]

    before = await api_flows(server)
    assert before["Hello"]["version"] == 2

    # one bad file: every file is refused, nothing is sent
    hello.write_text(hello.read_text().replace("hi there {{", "hey {{"))
    (flows_dir / "zz-broken.yaml").write_text("name: Broken\ndefinition: [\n")
    (flows_dir / "zz-anonymous.json").write_text('{"definition": {}}')
    refused = await cli(server, "flows", "deploy", str(flows_dir))
    assert refused.code == 1
    assert "zz-broken.yaml: not valid YAML" in refused.stderr
    assert "zz-anonymous.json: name: missing" in refused.stderr
    assert "nothing was deployed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert await api_flows(server) == before

    # two files, one name: both named
    (flows_dir / "zz-broken.yaml").unlink()
    (flows_dir / "zz-anonymous.json").write_text(json.dumps({"name": "Hello"}))
    duplicate = await cli(server, "flows", "deploy", str(flows_dir))
    assert duplicate.code == 1
    assert "zz-anonymous.json: name: 'Hello' is also the name in" in duplicate.stderr
    assert "hello.yaml" in duplicate.stderr
    assert await api_flows(server) == before


async def test_deploy_without_a_server_or_a_key_fails_clearly(server: Live, tmp_path: Path) -> None:
    (tmp_path / "hello.yaml").write_text(EXAMPLE.read_text())
    nobody = await cli(server, "flows", "deploy", str(tmp_path), FLOWLINE_URL="http://127.0.0.1:9")
    assert nobody.code == 1
    assert "error: cannot reach Flowline at http://127.0.0.1:9" in nobody.stderr
    wrong_key = await cli(server, "flows", "deploy", str(tmp_path), FLOWLINE_API_KEY="flk_nope")
    assert wrong_key.code == 1
    assert "error: the server refused the API key" in wrong_key.stderr


async def test_run_input_must_be_json(server: Live) -> None:
    result = await cli(server, "run", str(EXAMPLE), "--input", "{name: Ada}")
    assert result.code == 2
    assert result.stderr.startswith("error: --input: not valid JSON")


async def test_run_shows_the_steps_and_prints_the_output(server: Live) -> None:
    result = await cli(server, "run", str(EXAMPLE), "--input", '{"name": "Ada"}')
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == "hello Ada"
    for node in ("start", "greet", "end"):
        assert f"✓ {node}" in result.stderr, result.stderr
    assert "run succeeded" in result.stderr


async def test_a_failing_run_prints_its_error(server: Live, tmp_path: Path) -> None:
    path = tmp_path / "failing.yaml"
    path.write_text(FAILING)
    result = await cli(server, "run", str(path))
    assert result.code == 1, result.stderr
    assert result.stdout == ""
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: run run_"), result.stderr
    assert "failed at node end" in last
    assert "EXPRESSION_ERROR" in last
