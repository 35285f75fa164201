"""The commands that talk to a server by URL start without the web stack or the engine.

Each ``flowline runs …``, ``approvals …``, ``chat``, ``agents …``, ``kv …``, ``secrets …``
and ``phone`` is one short process: importing FastAPI, SQLAlchemy and every node type
would cost it about a second before its one request. Checked in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys

REMOTE = ["runs", "approvals", "chat", "agents", "kv", "secrets", "phone"]
HEAVY = ["fastapi", "sqlalchemy", "flowline.engine.graph", "flowline.app"]


def _loaded_after_import(modules: list[str]) -> list[str]:
    code = (
        "import json, sys\n"
        + "".join(f"import {module}\n" for module in modules)
        + f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(done.stdout)
    return loaded


def test_the_remote_commands_load_no_web_stack_or_engine() -> None:
    # One interpreter for all of them: if none loads a heavy module, neither does each.
    assert _loaded_after_import([f"flowline.cli.{command}" for command in REMOTE]) == []


def test_no_password_is_hashed_when_the_app_is_imported() -> None:
    code = (
        "import flowline.app\n"
        "from flowline.auth import tokens\n"
        "print(tokens._dummy_hash.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "0"
