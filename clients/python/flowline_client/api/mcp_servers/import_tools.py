from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelopelist_tool_read import EnvelopelistToolRead
from ...models.error_body import ErrorBody
from ...models.mcp_import import McpImport
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    server: str,
    *,
    body: McpImport | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/mcp-servers/{server}".format(
            agent_id=quote(str(agent_id), safe=""),
            server=quote(str(server), safe=""),
        ),
    }

    if isinstance(body, McpImport):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EnvelopelistToolRead | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopelistToolRead.from_dict(response.json())

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

    if response.status_code == 502:
        response_502 = cast(Any, None)
        return response_502

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | EnvelopelistToolRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpImport | None | Unset = UNSET,
) -> Response[Any | EnvelopelistToolRead | ErrorBody]:
    """Give an agent an MCP server's tools

     Lists the server's tools and makes each allowed one (or those in `tools`) a tool of the agent, kind
    `mcp`, named `prefix` + the tool's name, with the server's description and input schema. A tool the
    server lacks or does not allow is 422 naming `tools[i]`; a name the agent already has 409.

    Args:
        agent_id (str):
        server (str): The server's name or `mcp_…` id.
        body (McpImport | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopelistToolRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        server=server,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpImport | None | Unset = UNSET,
) -> Any | EnvelopelistToolRead | ErrorBody | None:
    """Give an agent an MCP server's tools

     Lists the server's tools and makes each allowed one (or those in `tools`) a tool of the agent, kind
    `mcp`, named `prefix` + the tool's name, with the server's description and input schema. A tool the
    server lacks or does not allow is 422 naming `tools[i]`; a name the agent already has 409.

    Args:
        agent_id (str):
        server (str): The server's name or `mcp_…` id.
        body (McpImport | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopelistToolRead | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        server=server,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpImport | None | Unset = UNSET,
) -> Response[Any | EnvelopelistToolRead | ErrorBody]:
    """Give an agent an MCP server's tools

     Lists the server's tools and makes each allowed one (or those in `tools`) a tool of the agent, kind
    `mcp`, named `prefix` + the tool's name, with the server's description and input schema. A tool the
    server lacks or does not allow is 422 naming `tools[i]`; a name the agent already has 409.

    Args:
        agent_id (str):
        server (str): The server's name or `mcp_…` id.
        body (McpImport | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopelistToolRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        server=server,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpImport | None | Unset = UNSET,
) -> Any | EnvelopelistToolRead | ErrorBody | None:
    """Give an agent an MCP server's tools

     Lists the server's tools and makes each allowed one (or those in `tools`) a tool of the agent, kind
    `mcp`, named `prefix` + the tool's name, with the server's description and input schema. A tool the
    server lacks or does not allow is 422 naming `tools[i]`; a name the agent already has 409.

    Args:
        agent_id (str):
        server (str): The server's name or `mcp_…` id.
        body (McpImport | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopelistToolRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            server=server,
            client=client,
            body=body,
        )
    ).parsed
