"""The toolset's rules without a database: approval decisions, argument checks, offers."""

from __future__ import annotations

from typing import Any

import pytest

from flowline.auth.principal import Principal
from flowline.auth.scopes import Role
from flowline.runtime import Runtime
from flowline.tools.kinds.base import ToolContext, ToolDef, ToolPolicy
from flowline.tools.kinds.builtin import builtin_def
from flowline.tools.kinds.http import CREDENTIAL_CONFIRM, HttpToolConfig
from flowline.tools.toolset import Toolset


def _http(
    method: str, approval: ToolPolicy | None = None, credential: str | None = None
) -> ToolDef:
    return ToolDef(
        name=f"call_{method.lower()}",
        kind="http",
        description="",
        parameters={"type": "object", "properties": {"q": {"type": "string"}}},
        config=HttpToolConfig(method=method, url="https://api.example.com/x"),  # type: ignore[arg-type]
        approval=approval,
        facts={CREDENTIAL_CONFIRM: credential},
    )


@pytest.mark.parametrize(
    ("method", "approval", "credential", "decision"),
    [
        ("GET", None, None, "never"),
        ("HEAD", None, None, "never"),
        ("OPTIONS", None, None, "never"),
        ("POST", None, None, "always"),
        ("PUT", None, None, "always"),
        ("PATCH", None, None, "always"),
        ("DELETE", None, None, "always"),
        ("DELETE", "never", None, "never"),
        ("GET", "always", None, "always"),
        ("GET", "never", "always", "always"),
        ("GET", "never", "writes", "never"),
        ("POST", "never", "writes", "always"),
        ("POST", "never", "never", "never"),
    ],
)
def test_mutating_is_decided_per_call(
    method: str, approval: ToolPolicy | None, credential: str | None, decision: str
) -> None:
    tool = _http(method, approval, credential)
    assert Toolset("agt_x", [tool]).policy(tool.name, {}) == decision


def test_builtins_default_to_never_and_the_agents_setting_overrides() -> None:
    toolset = Toolset(
        "agt_x",
        [
            builtin_def("kv_set", None),
            builtin_def("kv_get", "always"),
            builtin_def("ask_user", None),
        ],
    )
    assert toolset.policy("kv_set", {"key": "a", "value": 1}) == "never"
    assert toolset.policy("kv_get", {"key": "a"}) == "always"
    assert toolset.setting("kv_set") == "never"
    assert toolset.handled_by_loop("ask_user")
    assert not toolset.handled_by_loop("kv_set")
    assert toolset.policy("nope", {}) == "never"
    offered = {t.name: t.parameters for t in toolset.offers()}
    assert offered["ask_user"]["properties"]["options"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": "Answers to choose from, if the question has a few.",
    }
    assert offered["ask_user"]["required"] == ["question"]


async def test_failures_are_results_not_exceptions(runtime: Runtime) -> None:
    toolset = Toolset("agt_x", [builtin_def("current_time", None), builtin_def("ask_user", None)])
    context = ToolContext(runtime, Principal("org_x", "usr_x", Role.OWNER), "agt_x")
    outcomes: dict[str, Any] = {}
    for name, arguments in (
        ("nope", {}),
        ("ask_user", {"question": "?"}),
        ("current_time", {"timezone": 5}),
        ("current_time", {"timezone": "Mars/Olympus"}),
    ):
        outcomes[f"{name}:{arguments}"] = await toolset.run(
            context, name, arguments, idempotency_key="k"
        )
    errors = [o.error for o in outcomes.values()]
    assert errors[0] == "no tool named 'nope'"
    assert "answered by the chat itself" in (errors[1] or "")
    assert errors[2] == (
        'the arguments do not fit the tool: arguments.timezone: 5 is not of type "string"'
    )
    assert errors[3] == "unknown time zone 'Mars/Olympus'"
    assert all(o.result["error"] == o.error for o in outcomes.values())
    ok = await toolset.run(context, "current_time", {"timezone": "Asia/Tokyo"}, idempotency_key="k")
    assert ok.error is None
    assert ok.result["timezone"] == "Asia/Tokyo"


def test_argument_problems_name_the_field() -> None:
    tool = _http("GET")
    toolset = Toolset("agt_x", [tool])
    assert toolset.problems(tool.name, {"q": "x"}) == []
    assert toolset.problems(tool.name, {"q": 1}) == [
        {"field": "arguments.q", "problem": '1 is not of type "string"'}
    ]
