"""The typed Python client, ``clients/python`` (package ``flowline-client``).

``python -m scripts.client generate`` (``make client``) writes it from the app's own
OpenAPI document (``create_app().openapi()``, no server needed) with
openapi-python-client; ``python -m scripts.client check`` (in ``make test``) fails when
the checked-in client is not what the document generates. The generator runs through
``uv tool run`` at a pinned version (its own dependencies cannot share our
environment; docs/decisions.md). Files in ``HANDWRITTEN`` are ours, kept as they are.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "clients" / "python"
GENERATOR = "openapi-python-client==0.29.1"
RUFF = "ruff==0.17.6"
TEMPLATES = ROOT / "clients" / "templates"
"""The generator's templates we change: ``endpoint_module.py.jinja`` imports ``Unset``
(0.29.1 leaves it out for a body of several content types; ruff drops it where unused)."""
HANDWRITTEN = ("README.md", "mypy.ini", "flowline_client/flowline.py")
CONFIG = (
    "project_name_override: flowline-client\n"
    "package_name_override: flowline_client\n"
    "package_version_override: 0.1.0\n"
)
COMMAND = "make client"


def document() -> dict[str, Any]:
    """The app's OpenAPI document, built without a server or a database."""
    with tempfile.TemporaryDirectory(prefix="flowline-openapi-") as tmp:
        os.environ["FLOWLINE_DATA_DIR"] = tmp
        os.environ["FLOWLINE_DATABASE_URL"] = f"sqlite:///{tmp}/unused.db"
        from flowline.app import create_app

        document = _open_json_values(create_app().openapi())
        opened: dict[str, Any] = _open_colliding_enums(_without_rules(document))
        return opened


def _open_json_values(document: dict[str, Any]) -> dict[str, Any]:
    """``JsonValue`` (any JSON value, integers within 64 bits: a recursive ``anyOf``) is
    given to the generator as the open value it stands for: typed, it would make a union
    class of every JSON type for each free-form field, and Python's ``int`` has no bound
    to state anyway; the server checks the value."""
    from flowline.api.openapi_tidy import JSON_VALUE

    ref = f"#/components/schemas/{JSON_VALUE}"

    def opened(node: Any) -> Any:
        if isinstance(node, list):
            return [opened(item) for item in node]
        if not isinstance(node, dict):
            return node
        if node.get("$ref") == ref:
            return {}
        return {
            key: True if key == "additionalProperties" and value == {"$ref": ref} else opened(value)
            for key, value in node.items()
        }

    document["components"]["schemas"].pop(JSON_VALUE, None)
    result: dict[str, Any] = opened(document)
    return result


_SHAPES = ("type", "$ref", "enum", "const", "allOf", "anyOf", "oneOf")


def _without_rules(node: Any) -> Any:
    """An object schema's ``anyOf``/``oneOf`` whose branches only add rules to its
    properties (``{"required": ["base_url"]}``: "one of these is given") is left out:
    the generator reads each branch as a type of its own and drops the model (and its
    operations) when a branch has none. The server checks those rules."""
    if isinstance(node, list):
        return [_without_rules(item) for item in node]
    if not isinstance(node, dict):
        return node
    kept = {key: _without_rules(value) for key, value in node.items()}
    if kept.get("type") == "object":
        for key in ("anyOf", "oneOf"):
            branches = kept.get(key)
            if isinstance(branches, list) and not any(
                isinstance(b, dict) and any(shape in b for shape in _SHAPES) for b in branches
            ):
                del kept[key]
    return kept


def _python_name(value: object) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", str(value)).upper()


def _open_colliding_enums(node: Any) -> Any:
    """A schema whose enum values would become the same Python name in the generator's
    enum class (``GMT+0``, ``GMT-0`` and ``GMT0`` of ``TimeZone``; ``AC`` and ``ac`` of a
    country), which it refuses, is given to it without its enum, as a plain string: the
    server checks the value, and its answer says why."""
    if isinstance(node, list):
        return [_open_colliding_enums(item) for item in node]
    if not isinstance(node, dict):
        return node
    values = node.get("enum")
    if isinstance(values, list) and len({_python_name(v) for v in values}) < len(values):
        node = {key: value for key, value in node.items() if key != "enum"}
    return {key: _open_colliding_enums(value) for key, value in node.items()}


def _uv() -> str:
    local = ROOT / ".tools" / "bin" / "uv"
    found = str(local) if local.exists() else shutil.which("uv")
    if found is None:
        raise SystemExit("uv not found: run `make install` first")
    return found


CACHES = ("__pycache__", ".mypy_cache", ".ruff_cache")
"""Tools' caches beside the generated files: neither compared nor kept."""


def generate(into: Path) -> None:
    """The client as the document generates it, with our hand-written files, in ``into``."""
    with tempfile.TemporaryDirectory(prefix="flowline-client-") as tmp:
        spec, config, out = Path(tmp, "openapi.json"), Path(tmp, "config.yaml"), Path(tmp, "out")
        spec.write_text(json.dumps(document(), indent=1, sort_keys=True))
        config.write_text(CONFIG)
        command = [
            _uv(), "tool", "run", "--quiet", "--from", GENERATOR, "--with", RUFF,
            "openapi-python-client", "generate", "--path", str(spec), "--config", str(config),
            "--output-path", str(out), "--meta", "uv", "--overwrite",
            "--custom-template-path", str(TEMPLATES),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0 or not (out / "flowline_client").is_dir():
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit("openapi-python-client failed")
        for name in HANDWRITTEN:
            if (CLIENT / name).exists():
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(CLIENT / name, out / name)
        if into.exists():
            shutil.rmtree(into)
        shutil.copytree(out, into, ignore=shutil.ignore_patterns(*CACHES))


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=list(CACHES))
    found = [f"only in {left}: {n}" for n in compared.left_only]
    found += [f"only in {right}: {n}" for n in compared.right_only]
    found += [f"differs: {right / n}" for n in compared.diff_files]
    for name in compared.common_dirs:
        found += _differences(left / name, right / name)
    return found


def check() -> int:
    with tempfile.TemporaryDirectory(prefix="flowline-client-check-") as tmp:
        fresh = Path(tmp, "python")
        generate(fresh)
        differences = _differences(fresh, CLIENT) if CLIENT.exists() else [f"no {CLIENT}"]
    if differences:
        sys.stderr.write("\n".join(differences[:20]) + "\n")
        sys.stderr.write(
            f"clients/python is not what the OpenAPI document generates: run `{COMMAND}` "
            "and commit clients/python\n"
        )
        return 1
    print("python client: matches the OpenAPI document")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["generate"]:
        generate(CLIENT)
        print(f"wrote {CLIENT.relative_to(ROOT)}")
        return 0
    if argv == ["check"]:
        return check()
    sys.stderr.write("usage: python -m scripts.client generate|check\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
