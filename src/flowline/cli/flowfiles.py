"""Flow files: one flow per YAML or JSON file, read and checked before anything is sent.

A file holds the body ``POST /api/v1/flows`` takes (``name``, ``description``,
``status``, ``definition``), bare or wrapped as ``{"flow": {...}}``. It is
checked against the same models the server uses, so a file that reads here
is one the server accepts (it may still have *problems* and become a draft).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from flowline.engine.graph import FlowDefinition, error_path
from flowline.flows.schemas import FlowCreate, FlowStatus

SUFFIXES = (".yaml", ".yml", ".json")


class FlowFileError(Exception):
    """A file that cannot be deployed; the message names the file and the key at fault."""


@dataclass(frozen=True, slots=True)
class FlowFile:
    """One flow as its file wants it, with the server's defaults filled in."""

    path: Path
    name: str
    description: str
    status: FlowStatus
    definition: dict[str, Any]
    """As the server stores it (``FlowDefinition.stored()``), ready to compare."""

    def body(self) -> dict[str, Any]:
        """The create/replace body for the API."""
        return {
            "name": self.name,
            "description": self.description,
            "status": self.status.value,
            "definition": self.definition,
        }


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: ``2025-01-01`` stays the string JSON would send."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]
)


def _parse(path: Path, text: str) -> Any:
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise FlowFileError(
                f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506  (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        where = ""
        if exc.problem_mark is not None:
            where = f" (line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1})"
        raise FlowFileError(f"{path}: not valid YAML: {exc.problem or exc}{where}") from None
    except yaml.YAMLError as exc:
        raise FlowFileError(f"{path}: not valid YAML: {exc}") from None


def _unwrap(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("flow"), dict):
        return value["flow"]
    return value


def _key(loc: Iterable[int | str]) -> str:
    """``('definition', 'nodes', 0, 'data')`` as ``definition.nodes[0].data``."""
    return error_path(loc).removeprefix(".") or "(top level)"


def flow_from_value(path: Path, value: Any) -> FlowFile:
    """Check a parsed file's content; ``FlowFileError`` names the first bad key."""
    value = _unwrap(value)
    if not isinstance(value, dict):
        kind = "empty" if value is None else f"a {type(value).__name__}"
        raise FlowFileError(f"{path}: must hold one flow as an object, not {kind}")
    if "name" not in value:
        raise FlowFileError(f"{path}: name: missing; every flow file needs a name")
    try:
        flow = FlowCreate.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise FlowFileError(f"{path}: {_key(first['loc'])}: {message}") from None
    return FlowFile(
        path=path,
        name=flow.name,
        description=flow.description,
        status=flow.status,
        definition=flow.definition.stored(),
    )


def read_flow_file(path: Path) -> FlowFile:
    """Read and check one flow file."""
    if path.suffix not in SUFFIXES:
        raise FlowFileError(f"{path}: not a flow file (expected {', '.join(SUFFIXES)})")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FlowFileError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise FlowFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    return flow_from_value(path, _parse(path, text))


def flow_paths(directory: Path) -> list[Path]:
    """The flow files directly in ``directory`` (not below it, not hidden), sorted by name."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def read_flow_files(paths: Iterable[Path]) -> tuple[list[FlowFile], list[str]]:
    """Every file read and checked: the flows, and a message for each fault found.

    Two files naming the same flow are a fault of both.
    """
    flows: list[FlowFile] = []
    faults: list[str] = []
    first_of: dict[str, Path] = {}
    for path in paths:
        try:
            flow = read_flow_file(path)
        except FlowFileError as exc:
            faults.append(str(exc))
            continue
        if flow.name in first_of:
            faults.append(f"{path}: name: {flow.name!r} is also the name in {first_of[flow.name]}")
            continue
        first_of[flow.name] = path
        flows.append(flow)
    return flows, faults


def changes(wanted: FlowFile, current: Mapping[str, Any]) -> list[str]:
    """What the server's flow (``GET /api/v1/flows/{id}``'s data) lacks of the file's:
    some of ``definition``, ``description``, ``status``; empty when they agree.

    A flow with problems is kept as a draft whatever status is asked, so a draft
    with problems and an unchanged definition is not a status change: saving it
    again would only make another identical version.
    """
    found: list[str] = []
    definition = FlowDefinition.model_validate(current.get("definition") or {}).stored()
    definition_changed = definition != wanted.definition
    if definition_changed:
        found.append("definition")
    if current.get("description", "") != wanted.description:
        found.append("description")
    status = current.get("status")
    kept_as_draft = status == FlowStatus.DRAFT and bool(current.get("problems"))
    if status != wanted.status and (definition_changed or not kept_as_draft):
        found.append("status")
    return found
