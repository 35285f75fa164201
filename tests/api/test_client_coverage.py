"""The typed client (clients/python) has a function for every operation of the document.

openapi-python-client leaves out, with only a warning, an operation whose body or answer
schema it cannot read (a list of types in ``type``, an array without ``items``, two
models of one title): such an operation is then missing from the client, and nothing
else would notice.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI

CLIENT_API = Path(__file__).resolve().parents[2] / "clients" / "python" / "flowline_client" / "api"
_METHODS = ("get", "put", "post", "delete", "patch")


def _module_name(operation_id: str) -> str:
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id)
    return re.sub(r"[^0-9a-zA-Z]+", "_", snake).strip("_").lower()


def test_every_operation_has_a_function_in_the_client(app: FastAPI) -> None:
    generated = {path.stem for path in CLIENT_API.rglob("*.py")}
    missing = [
        f"{method.upper()} {path} ({operation['operationId']})"
        for path, item in app.openapi()["paths"].items()
        for method, operation in item.items()
        if method in _METHODS and _module_name(operation["operationId"]) not in generated
    ]
    assert missing == []
