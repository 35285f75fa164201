"""HTTP tool definitions from an OpenAPI 3 document: one per operation.

For each operation (``operationId``, else ``<method>_<path>``, made a valid tool
name): the URL is the server's plus the path (path parameters are already
``{placeholders}``); path and query parameters become parameters of the tool;
a JSON request body that is an object adds its properties (a write sends them
as the body, the query parameters in the query string). Local ``$ref``s
(``#/components/...``) are followed. Header and cookie parameters are left out
(credentials come from ``credential``, never from the model). An operation that
cannot be one tool (a body that is not an object, a parameter name that cannot be a
placeholder, names that clash) is skipped, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flowline.errors import ValidationFailed
from flowline.tools.kinds.base import ToolPolicy
from flowline.tools.schemas import ToolCreate, as_tool_name

METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
WRITES = frozenset({"post", "put", "patch"})
MAX_DEPTH = 12
_PLACEHOLDER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_PATH_PARAM = re.compile(r"\{([^}]*)\}")


@dataclass(slots=True)
class Imported:
    tools: list[tuple[str, ToolCreate]] = field(default_factory=list)
    """Each operation's id and its tool."""
    skipped: list[dict[str, str]] = field(default_factory=list)


class _Resolver:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def follow(self, value: Any, depth: int = 0) -> Any:
        """``value`` with local ``$ref``s replaced (a cycle ends as ``{}``)."""
        if depth > MAX_DEPTH:
            return {}
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                return self.follow(self._target(ref), depth + 1)
            return {k: self.follow(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [self.follow(v, depth + 1) for v in value]
        return value

    def _target(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            return {}
        node: Any = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                return {}
            node = node[part]
        return node


def _server(document: dict[str, Any], base_url: str | None) -> str:
    if base_url:
        return base_url.rstrip("/")
    servers = document.get("servers")
    absolute = [
        server
        for server in (servers if isinstance(servers, list) else [])
        if isinstance(server, dict)
        and isinstance(server.get("url"), str)
        and server["url"].startswith(("http://", "https://"))
    ]
    if not absolute:
        raise ValidationFailed(
            "The document names no absolute server URL; give `base_url`.", field="base_url"
        )
    url: str = absolute[0]["url"]
    variables = absolute[0].get("variables")
    for name, variable in (variables if isinstance(variables, dict) else {}).items():
        if isinstance(variable, dict) and "default" in variable:
            url = url.replace("{" + str(name) + "}", str(variable["default"]))
    return url.rstrip("/")


def _parameter_schema(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = dict(parameter.get("schema") or {"type": "string"})
    if parameter.get("description") and "description" not in schema:
        schema["description"] = str(parameter["description"])[:1000]
    return schema


class _Operation:
    def __init__(self, method: str, path: str, item: dict[str, Any], op: dict[str, Any]) -> None:
        self.method, self.path, self.item, self.op = method, path, item, op

    def build(
        self, server: str, credential: str | None, approval: ToolPolicy | None
    ) -> ToolCreate | str:
        """The tool, or why the operation cannot be one."""
        properties: dict[str, Any] = {}
        required: list[str] = []
        query: list[str] = []
        parameters = [*(self.item.get("parameters") or []), *(self.op.get("parameters") or [])]
        for parameter in parameters:
            if not isinstance(parameter, dict) or parameter.get("in") not in ("path", "query"):
                continue
            name = str(parameter.get("name", ""))
            if not _PLACEHOLDER_NAME.match(name):
                return f"the parameter name {name!r} cannot be a tool argument"
            properties[name] = _parameter_schema(parameter)
            if parameter.get("in") == "path" or parameter.get("required"):
                required.append(name)
            if parameter.get("in") == "query":
                query.append(name)
        for name in _PATH_PARAM.findall(self.path):
            if name not in properties:
                return f"the path parameter {{{name}}} is not described"
        body = ((self.op.get("requestBody") or {}).get("content") or {}).get("application/json")
        if isinstance(body, dict) and self.method in WRITES:
            schema = body.get("schema") or {}
            if schema.get("type", "object") != "object" or "properties" not in schema:
                return "its JSON body is not an object with properties"
            for name, prop in schema["properties"].items():
                if name in properties:
                    return f"the body field {name!r} has the name of a parameter"
                properties[name] = prop
            required += [str(n) for n in schema.get("required") or []]
        summary = self.op.get("summary") or self.op.get("description") or ""
        config: dict[str, Any] = {"method": self.method.upper(), "url": server + self.path}
        if self.method in WRITES and query:
            config["query"] = query
        if credential is not None:
            config["credential"] = credential
        schema_out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema_out["required"] = list(dict.fromkeys(required))
        return ToolCreate(
            name=as_tool_name(str(self.op.get("operationId") or f"{self.method}_{self.path}")),
            kind="http",
            description=str(summary)[:4000] or f"{self.method.upper()} {self.path}",
            parameters=schema_out,
            config=config,
            approval=approval,
        )


def tools_from(
    document: dict[str, Any],
    *,
    operations: list[str] | None = None,
    base_url: str | None = None,
    credential: str | None = None,
    approval: ToolPolicy | None = None,
) -> Imported:
    """The tools of the document's operations (those named in ``operations``, else all)."""
    version = document.get("openapi")
    if not isinstance(version, str) or not version.startswith("3."):
        raise ValidationFailed("Only OpenAPI 3 documents can be imported.", field="openapi.openapi")
    paths = document.get("paths")
    if not isinstance(paths, dict):
        raise ValidationFailed("The document's paths must be an object.", field="openapi.paths")
    resolved = _Resolver(document)
    server = _server(document, base_url)
    wanted = set(operations) if operations is not None else None
    found = Imported()
    seen: set[str] = set()
    names: set[str] = set()
    for path, raw_item in paths.items():
        item = resolved.follow(raw_item)
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            op_id = str(op.get("operationId") or f"{method}_{path}")
            if wanted is not None and op_id not in wanted:
                continue
            seen.add(op_id)
            built = _Operation(method, str(path), item, op).build(server, credential, approval)
            if isinstance(built, str):
                found.skipped.append({"operation": op_id, "reason": built})
            elif built.name in names:
                found.skipped.append({"operation": op_id, "reason": "its tool name is taken"})
            else:
                names.add(built.name)
                found.tools.append((op_id, built))
    for missing in sorted((wanted or set()) - seen):
        found.skipped.append({"operation": missing, "reason": "the document has no such operation"})
    return found
