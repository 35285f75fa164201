"""The definition checks, without a database."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from flowline.engine.graph import FlowDefinition, Problem, endless_loops, validate_definition
from flowline.engine.nodes import NODE_TYPES


def node(node_id: str, node_type: str, **config: Any) -> dict[str, Any]:
    return {"id": node_id, "data": {"node_type": node_type, "config": config}}


def edge(source: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"{source}-{target}", "source": source, "target": target, **extra}


def problems(nodes: list[Any], edges: list[Any], **extra: Any) -> list[Problem]:
    definition = FlowDefinition.model_validate({"nodes": nodes, "edges": edges, **extra})
    return validate_definition(definition, NODE_TYPES)


def where(found: list[Problem]) -> list[str]:
    return [p.field for p in found]


START = node("start", "start")
END = node("done", "end", output="{{ vars.x }}")


def test_a_straight_flow_is_valid() -> None:
    nodes = [
        START,
        node("fetch", "http_request", method="POST", url="https://x.test", json={"a": 1}),
        node("pick", "condition", expression="steps.fetch.output.status == 200"),
        END,
    ]
    edges = [
        edge("start", "fetch"),
        edge("fetch", "pick"),
        edge("pick", "done", label="true"),
        edge("pick", "done", label="false", id="other"),
    ]
    assert problems(nodes, edges) == []


def test_seed_definition_names_the_missing_target_and_condition() -> None:
    found = problems(
        [{"id": "start_node_1", "position": {"x": 100, "y": 200}, "data": {"node_type": "start"}}],
        [
            {
                "id": "edge_1",
                "source": "start_node_1",
                "target": "send_text_1",
                "label": "next",
                "flow_condition_id": "<string>",
            }
        ],
    )
    assert where(found) == ["definition.edges[0].target", "definition.edges[0].flow_condition_id"]
    assert found[0].edge_id == "edge_1"
    assert "send_text_1" in found[0].problem


def test_no_start_node() -> None:
    found = problems([END], [])
    assert where(found) == ["definition.nodes"]
    assert "start" in found[0].problem


def test_two_start_nodes() -> None:
    found = problems([START, node("again", "start")], [edge("start", "again")])
    assert where(found) == ["definition.nodes[1].data.node_type"]
    assert found[0].node_id == "again"


@pytest.mark.parametrize("bad", ["1abc", "has space", "a" * 65, "ünï", "a.b"])
def test_bad_node_id(bad: str) -> None:
    found = problems([START, node(bad, "end")], [edge("start", bad)])
    assert where(found) == ["definition.nodes[1].id"]
    assert found[0].node_id == bad


@pytest.mark.parametrize("good", ["_x", "a", "A-b_9", "a" * 64])
def test_good_node_ids(good: str) -> None:
    assert problems([START, node(good, "end")], [edge("start", good)]) == []


def test_duplicate_node_and_edge_ids() -> None:
    found = problems(
        [START, END, node("done", "end")],
        [edge("start", "done"), edge("start", "done")],
    )
    assert where(found) == ["definition.nodes[2].id", "definition.edges[1].id"]


def test_edge_to_and_from_missing_nodes() -> None:
    found = problems([START, END], [edge("start", "done"), edge("ghost", "nowhere")])
    assert where(found) == ["definition.edges[1].source", "definition.edges[1].target"]


def test_flow_condition_reference() -> None:
    conditions = [{"id": "vip", "expression": "input.tier == 'vip'"}]
    nodes = [START, END]
    ok = [edge("start", "done", flow_condition_id="vip")]
    assert problems(nodes, ok, conditions=conditions) == []
    bad = [edge("start", "done", flow_condition_id="gold")]
    assert where(problems(nodes, bad, conditions=conditions)) == [
        "definition.edges[0].flow_condition_id"
    ]
    both = [edge("start", "done", flow_condition_id="vip", condition="true")]
    assert where(problems(nodes, both, conditions=conditions)) == ["definition.edges[0].condition"]


def test_duplicate_condition_ids() -> None:
    conditions = [{"id": "c", "expression": "true"}, {"id": "c", "expression": "false"}]
    found = problems([START], [], conditions=conditions)
    assert where(found) == ["definition.conditions[1].id"]


def test_unknown_node_type() -> None:
    found = problems([START, node("x", "teleport")], [edge("start", "x")])
    assert where(found) == ["definition.nodes[1].data.node_type"]
    assert "teleport" in found[0].problem


def test_bad_config_is_named_field_by_field() -> None:
    found = problems(
        [
            START,
            node("wait", "delay", seconds=5),
            node("fetch", "http_request", method="FETCH", colour="red"),
            node("retrying", "set", values={"a": 1}, retry={"max_attempts": 11}),
        ],
        [edge("start", "wait"), edge("wait", "fetch"), edge("fetch", "retrying")],
    )
    assert sorted(where(found)) == [
        "definition.nodes[2].data.config.colour",
        "definition.nodes[2].data.config.method",
        "definition.nodes[2].data.config.url",
        "definition.nodes[3].data.config.retry.max_attempts",
    ]
    assert {p.node_id for p in found} == {"fetch", "retrying"}


def test_config_rules_across_fields() -> None:
    found = problems(
        [
            START,
            node("wait", "delay"),
            node("both", "http_request", url="https://x.test", json={}, body="text"),
            node("ask", "approval", title="OK?"),
        ],
        [edge("start", "wait"), edge("wait", "both"), edge("both", "ask")],
    )
    assert where(found) == [
        "definition.nodes[1].data.config",
        "definition.nodes[2].data.config",
        "definition.nodes[3].data.config",
    ]
    assert "exactly one" in found[0].problem


def test_common_fields_are_accepted_on_every_node() -> None:
    common = {
        "retry": {"max_attempts": 5, "initial_seconds": 2, "jitter": False},
        "timeout_seconds": 30,
        "join": "all",
    }
    found = problems(
        [node("start", "start", **common), node("done", "end", **common)],
        [edge("start", "done")],
    )
    assert found == []


def test_unreachable_nodes() -> None:
    found = problems(
        [START, END, node("island", "end"), node("lonely", "set", values={"a": 1})],
        [edge("start", "done"), edge("lonely", "island")],
    )
    assert where(found) == ["definition.nodes[2]", "definition.nodes[3]"]
    assert [p.node_id for p in found] == ["island", "lonely"]


def test_a_loop_without_a_pause_is_refused() -> None:
    nodes = [
        START,
        node("a", "set", values={"n": 1}),
        node("b", "condition", expression="vars.n < 3"),
        END,
    ]
    edges = [
        edge("start", "a"),
        edge("a", "b"),
        edge("b", "a", label="true"),
        edge("b", "done", label="false"),
    ]
    found = problems(nodes, edges)
    assert where(found) == ["definition.nodes[1]"]
    assert "(a, b)" in found[0].problem


@pytest.mark.parametrize(
    ("node_type", "config"),
    [
        ("delay", {"seconds": 60}),
        ("approval", {"title": "Again?", "group": "grp_1"}),
        ("wait_for_message", {"channel_id": "ch_1", "from": "+14155550123"}),
    ],
)
def test_a_loop_through_a_pausing_node_is_allowed(node_type: str, config: dict[str, Any]) -> None:
    nodes = [START, node("a", "set", values={"n": 1}), node("pause", node_type, **config)]
    edges = [edge("start", "a"), edge("a", "pause"), edge("pause", "a")]
    assert problems(nodes, edges) == []


def test_a_self_loop_is_a_loop() -> None:
    found = problems(
        [START, node("a", "set", values={"n": 1})], [edge("start", "a"), edge("a", "a")]
    )
    assert where(found) == ["definition.nodes[1]"]
    paused = problems([START, node("d", "delay", seconds=1)], [edge("start", "d"), edge("d", "d")])
    assert paused == []


def test_a_pause_on_one_loop_does_not_excuse_another() -> None:
    # a -> b -> a pauses at b; a -> c -> a does not.
    nodes = [
        START,
        node("a", "set", values={"n": 1}),
        node("b", "delay", seconds=1),
        node("c", "set", values={"m": 1}),
    ]
    edges = [edge("start", "a"), edge("a", "b"), edge("b", "a"), edge("a", "c"), edge("c", "a")]
    found = problems(nodes, edges)
    assert where(found) == ["definition.nodes[1]"]
    assert "(a, c)" in found[0].problem


def test_endless_loops_finds_each_group() -> None:
    succ = {"a": ["b"], "b": ["a", "c"], "c": ["d"], "d": ["c"], "e": []}
    loops = endless_loops(list(succ), succ, pausing=set())
    assert sorted(sorted(group) for group in loops) == [["a", "b"], ["c", "d"]]
    assert endless_loops(list(succ), succ, pausing={"a", "d"}) == []


def test_endless_loops_on_a_long_chain_needs_no_recursion() -> None:
    count = 5000
    succ = {f"n{i}": [f"n{i + 1}"] for i in range(count)} | {f"n{count}": ["n0"]}
    loops = endless_loops(list(succ), succ, pausing=set())
    assert len(loops) == 1
    assert len(loops[0]) == count + 1


def test_every_problem_at_once() -> None:
    found = problems(
        [node("1bad", "teleport"), node("x", "http_request"), node("x", "end")],
        [edge("x", "ghost")],
        conditions=[],
    )
    assert where(found) == [
        "definition.nodes[0].id",
        "definition.nodes[0].data.node_type",
        "definition.nodes[1].data.config.url",
        "definition.nodes[2].id",
        "definition.nodes",
        "definition.edges[0].target",
    ]


@pytest.mark.parametrize(
    "definition",
    [
        [],
        {"nodes": {"id": "a"}},
        {"nodes": [{"id": "a"}]},
        {"nodes": [{"id": "a", "data": {"config": {}}}]},
        {"nodes": [{"id": 5, "data": {"node_type": "start"}}]},
        {"nodes": [], "edges": [{"id": "e", "source": "a"}]},
        {"nodes": [], "edge": []},
        {"nodes": [{"id": "a", "data": {"node_type": "start", "config": []}}]},
        {"nodes": [{"id": "a", "data": {"node_type": "start", "config": {"s": "\x00"}}}]},
        {"nodes": [{"id": "a", "data": {"node_type": "start", "config": {"n": float("nan")}}}]},
    ],
)
def test_bad_shapes_do_not_parse(definition: Any) -> None:
    with pytest.raises(ValidationError):
        FlowDefinition.model_validate(definition)


def test_stored_form_keeps_positions_and_fills_defaults() -> None:
    definition = FlowDefinition.model_validate(
        {
            "nodes": [
                {"id": "s", "position": {"x": 1, "y": 2.5, "z": 0}, "data": {"node_type": "start"}}
            ],
            "edges": [{"id": "e", "source": "s", "target": "s", "label": None}],
        }
    )
    assert definition.stored() == {
        "nodes": [
            {
                "id": "s",
                "position": {"x": 1, "y": 2.5, "z": 0},
                "data": {"node_type": "start", "config": {}},
            }
        ],
        "edges": [{"id": "e", "source": "s", "target": "s", "label": "next"}],
        "conditions": [],
    }


def test_every_node_type_has_a_schema_and_accepts_the_common_fields() -> None:
    assert set(NODE_TYPES) >= {
        "start", "end", "http_request", "condition", "switch", "set", "kv_get", "kv_set",
        "kv_delete", "delay", "approval", "wait_for_message", "send_text", "send_template",
        "llm", "agent", "subflow", "foreach",
    }  # fmt: skip
    for node_type in NODE_TYPES.values():
        properties = node_type.config.model_json_schema()["properties"]
        assert {"retry", "timeout_seconds", "join"} <= set(properties), node_type.name
    assert {t.name for t in NODE_TYPES.values() if t.pauses} == {
        "delay",
        "approval",
        "wait_for_message",
    }
