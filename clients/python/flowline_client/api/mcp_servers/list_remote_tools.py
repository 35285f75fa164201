from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelopelist_mcp_tool_read import EnvelopelistMcpToolRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    server: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/mcp-servers/{server}/tools".format(
            server=quote(str(server), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EnvelopelistMcpToolRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopelistMcpToolRead.from_dict(response.json())

        return response_200

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
) -> Response[Any | EnvelopelistMcpToolRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    server: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | EnvelopelistMcpToolRead | ErrorBody]:
    """List an MCP server's tools

     Asks the server now (`tools/list` through the SDK's client, under the outbound rules): each tool
    with its input schema, hints, and whether agents may call it.

    Args:
        server (str): The server's name or `mcp_…` id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopelistMcpToolRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        server=server,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    server: str,
    *,
    client: AuthenticatedClient,
) -> Any | EnvelopelistMcpToolRead | ErrorBody | None:
    """List an MCP server's tools

     Asks the server now (`tools/list` through the SDK's client, under the outbound rules): each tool
    with its input schema, hints, and whether agents may call it.

    Args:
        server (str): The server's name or `mcp_…` id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopelistMcpToolRead | ErrorBody
    """

    return sync_detailed(
        server=server,
        client=client,
    ).parsed


async def asyncio_detailed(
    server: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | EnvelopelistMcpToolRead | ErrorBody]:
    """List an MCP server's tools

     Asks the server now (`tools/list` through the SDK's client, under the outbound rules): each tool
    with its input schema, hints, and whether agents may call it.

    Args:
        server (str): The server's name or `mcp_…` id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopelistMcpToolRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        server=server,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    server: str,
    *,
    client: AuthenticatedClient,
) -> Any | EnvelopelistMcpToolRead | ErrorBody | None:
    """List an MCP server's tools

     Asks the server now (`tools/list` through the SDK's client, under the outbound rules): each tool
    with its input schema, hints, and whether agents may call it.

    Args:
        server (str): The server's name or `mcp_…` id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopelistMcpToolRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            server=server,
            client=client,
        )
    ).parsed
