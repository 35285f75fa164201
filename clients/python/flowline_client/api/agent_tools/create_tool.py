from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_tool_imported import EnvelopeToolImported
from ...models.envelope_tool_read import EnvelopeToolRead
from ...models.error_body import ErrorBody
from ...models.open_api_import import OpenApiImport
from ...models.tool_create import ToolCreate
from ...types import Response


def _get_kwargs(
    agent_id: str,
    *,
    body: OpenApiImport | ToolCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/tools".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    if isinstance(body, ToolCreate):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeToolImported | EnvelopeToolRead | ErrorBody | None:
    if response.status_code == 201:

        def _parse_response_201(data: object) -> EnvelopeToolImported | EnvelopeToolRead:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_201_type_0 = EnvelopeToolRead.from_dict(data)

                return response_201_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_201_type_1 = EnvelopeToolImported.from_dict(data)

            return response_201_type_1

        response_201 = _parse_response_201(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnvelopeToolImported | EnvelopeToolRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: OpenApiImport | ToolCreate,
) -> Response[EnvelopeToolImported | EnvelopeToolRead | ErrorBody]:
    """Add a tool

     A definition `{name, kind, description?, parameters?, config, approval?}` (bare or as `{"tool":
    {...}}`): kind `http`, `flow`, `agent` (a sub-agent), or `builtin` (adds it to the agent's `tools`).
    Or `{"openapi": {...document...}, "operations"?: [ids], "base_url"?, "credential"?, "approval"?}`:
    one `http` tool per operation, answered as `{tools, skipped}`. A name already used answers 409; a
    bad definition, 422 naming the field.

    Args:
        agent_id (str):
        body (OpenApiImport | ToolCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeToolImported | EnvelopeToolRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: OpenApiImport | ToolCreate,
) -> EnvelopeToolImported | EnvelopeToolRead | ErrorBody | None:
    """Add a tool

     A definition `{name, kind, description?, parameters?, config, approval?}` (bare or as `{"tool":
    {...}}`): kind `http`, `flow`, `agent` (a sub-agent), or `builtin` (adds it to the agent's `tools`).
    Or `{"openapi": {...document...}, "operations"?: [ids], "base_url"?, "credential"?, "approval"?}`:
    one `http` tool per operation, answered as `{tools, skipped}`. A name already used answers 409; a
    bad definition, 422 naming the field.

    Args:
        agent_id (str):
        body (OpenApiImport | ToolCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeToolImported | EnvelopeToolRead | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: OpenApiImport | ToolCreate,
) -> Response[EnvelopeToolImported | EnvelopeToolRead | ErrorBody]:
    """Add a tool

     A definition `{name, kind, description?, parameters?, config, approval?}` (bare or as `{"tool":
    {...}}`): kind `http`, `flow`, `agent` (a sub-agent), or `builtin` (adds it to the agent's `tools`).
    Or `{"openapi": {...document...}, "operations"?: [ids], "base_url"?, "credential"?, "approval"?}`:
    one `http` tool per operation, answered as `{tools, skipped}`. A name already used answers 409; a
    bad definition, 422 naming the field.

    Args:
        agent_id (str):
        body (OpenApiImport | ToolCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeToolImported | EnvelopeToolRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: OpenApiImport | ToolCreate,
) -> EnvelopeToolImported | EnvelopeToolRead | ErrorBody | None:
    """Add a tool

     A definition `{name, kind, description?, parameters?, config, approval?}` (bare or as `{"tool":
    {...}}`): kind `http`, `flow`, `agent` (a sub-agent), or `builtin` (adds it to the agent's `tools`).
    Or `{"openapi": {...document...}, "operations"?: [ids], "base_url"?, "credential"?, "approval"?}`:
    one `http` tool per operation, answered as `{tools, skipped}`. A name already used answers 409; a
    bad definition, 422 naming the field.

    Args:
        agent_id (str):
        body (OpenApiImport | ToolCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeToolImported | EnvelopeToolRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            body=body,
        )
    ).parsed
