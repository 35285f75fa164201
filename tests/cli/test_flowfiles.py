"""Reading flow files and telling what the server's copy lacks; no server needed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from flowline.cli.flowfiles import (
    FlowFile,
    FlowFileError,
    changes,
    flow_paths,
    read_flow_file,
    read_flow_files,
)
from flowline.flows.schemas import FlowStatus

HELLO_YAML = """\
name: Hello
description: Greets
definition:
  nodes:
    - id: start
      position: {x: 0, y: 0}
      data: {node_type: start}
    - id: greet
      data:
        node_type: set
        config: {values: {greeting: "hello {{ input.name }}"}}
    - id: end
      data: {node_type: end, config: {output: "{{ vars.greeting }}"}}
  edges:
    - {id: e1, source: start, target: greet}
    - {id: e2, source: greet, target: end, label: null}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def server_copy(flow: FlowFile, **changed: Any) -> dict[str, Any]:
    """The flow as ``GET /api/v1/flows/{id}`` answers it: nulls for absent options."""
    definition = json.loads(json.dumps(flow.definition))
    for edge in definition["edges"]:
        edge.setdefault("condition", None)
        edge.setdefault("flow_condition_id", None)
    for node in definition["nodes"]:
        node.setdefault("position", None)
    body = {
        "id": "flow_1",
        "name": flow.name,
        "description": flow.description,
        "status": flow.status.value,
        "version": 3,
        "definition": definition,
        "problems": [],
    }
    body.update(changed)
    return body


def test_yaml_file_gets_the_servers_defaults(tmp_path: Path) -> None:
    flow = read_flow_file(write(tmp_path, "hello.yaml", HELLO_YAML))
    assert flow.name == "Hello"
    assert flow.description == "Greets"
    assert flow.status is FlowStatus.ACTIVE
    assert [n["id"] for n in flow.definition["nodes"]] == ["start", "greet", "end"]
    assert flow.definition["nodes"][0]["data"]["config"] == {}
    assert flow.definition["edges"][1]["label"] == "next"
    assert flow.definition["conditions"] == []
    assert flow.body()["status"] == "active"


def test_json_file_may_be_wrapped_and_dates_stay_strings(tmp_path: Path) -> None:
    wrapped = {"flow": {"name": " Padded ", "status": "inactive", "definition": {}}}
    flow = read_flow_file(write(tmp_path, "a.json", json.dumps(wrapped)))
    assert (flow.name, flow.status) == ("Padded", FlowStatus.INACTIVE)
    dated = read_flow_file(
        write(
            tmp_path,
            "d.yml",
            "name: Dated\ndefinition:\n  nodes:\n    - id: start\n      data:\n"
            "        node_type: start\n        config: {until: 2025-01-01}\n",
        )
    )
    assert dated.definition["nodes"][0]["data"]["config"] == {"until": "2025-01-01"}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("bad.yaml", "name: [unclosed\n", "bad.yaml: not valid YAML: "),
        ("bad.json", '{"name": "x",}', "bad.json: not valid JSON: "),
        ("list.yaml", "- one\n- two\n", "list.yaml: must hold one flow as an object, not a list"),
        ("empty.yaml", "", "empty.yaml: must hold one flow as an object, not empty"),
        ("anon.yaml", "description: no name\n", "anon.yaml: name: missing"),
        ("blank.yaml", "name: '  '\n", "blank.yaml: name: must be 1 to 200 characters"),
        (
            "shape.yaml",
            "name: x\ndefinition:\n  nodes:\n    - id: a\n",
            "shape.yaml: definition.nodes[0].data: Field required",
        ),
        ("extra.yaml", "name: x\nowner: me\n", "extra.yaml: owner: Extra inputs are not permitted"),
        ("status.yaml", "name: x\nstatus: on\n", "status.yaml: status: Input should be"),
    ],
)
def test_bad_files_name_the_file_and_key(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(FlowFileError) as caught:
        read_flow_file(path)
    assert str(caught.value).startswith(f"{tmp_path}/{expected}"), str(caught.value)


def test_yaml_syntax_errors_say_where(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "name: x\ndefinition: [\n")
    with pytest.raises(FlowFileError, match=r"line \d+, column \d+"):
        read_flow_file(path)


def test_directory_listing_is_flat_sorted_and_skips_others(tmp_path: Path) -> None:
    for name in ("b.yml", "a.json", "c.yaml", "notes.txt", ".c.yaml.swp", ".hidden.yaml"):
        write(tmp_path, name, "name: x\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "deep.yaml", "name: deep\n")
    assert [p.name for p in flow_paths(tmp_path)] == ["a.json", "b.yml", "c.yaml"]


def test_every_file_is_checked_and_duplicate_names_name_both(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.yaml", "name: Same\n"),
        write(tmp_path, "b.yaml", "name: [\n"),
        write(tmp_path, "c.yaml", "name: Same\n"),
        write(tmp_path, "d.yaml", "name: Other\n"),
    ]
    flows, faults = read_flow_files(paths)
    assert [f.name for f in flows] == ["Same", "Other"]
    assert len(faults) == 2
    assert faults[0].startswith(f"{paths[1]}: not valid YAML")
    assert faults[1] == f"{paths[2]}: name: 'Same' is also the name in {paths[0]}"


def test_the_servers_copy_with_nulls_is_unchanged(tmp_path: Path) -> None:
    flow = read_flow_file(write(tmp_path, "hello.yaml", HELLO_YAML))
    assert changes(flow, server_copy(flow)) == []


def test_changed_definition_description_and_status_are_found(tmp_path: Path) -> None:
    flow = read_flow_file(write(tmp_path, "hello.yaml", HELLO_YAML))
    edited = server_copy(flow)
    edited["definition"]["nodes"][1]["data"]["config"]["values"]["greeting"] = "hi"
    assert changes(flow, edited) == ["definition"]
    moved = server_copy(flow)
    moved["definition"]["nodes"][0]["position"] = {"x": 10, "y": 0}
    assert changes(flow, moved) == ["definition"]
    assert changes(flow, server_copy(flow, description="Old")) == ["description"]
    assert changes(flow, server_copy(flow, status="inactive")) == ["status"]


def test_a_draft_kept_for_its_problems_is_not_a_status_change(tmp_path: Path) -> None:
    broken = HELLO_YAML.replace("target: end}", "target: nowhere}")
    flow = read_flow_file(write(tmp_path, "broken.yaml", broken))
    problem = {"field": "definition.edges[1].target", "problem": "no such node"}
    drafted = server_copy(flow, status="draft", problems=[problem])
    assert changes(flow, drafted) == []
    # a draft without problems was made a draft on purpose: asking for active changes it
    assert changes(flow, server_copy(flow, status="draft")) == ["status"]
