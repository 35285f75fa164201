from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_mcp_server_read import EnvelopeMcpServerRead
from ...models.error_body import ErrorBody
from ...models.mcp_server_update import McpServerUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    server: str,
    *,
    body: McpServerUpdate,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/mcp-servers/{server}".format(
            server=quote(str(server), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeMcpServerRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeMcpServerRead.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnvelopeMcpServerRead | ErrorBody]:
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
    body: McpServerUpdate,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeMcpServerRead | ErrorBody]:
    """Change an MCP server

     Only the fields sent change; `null` clears `credential` or `allowed_tools`. `If-Match` /
    `expected_version`: 409 on mismatch. The URL and credential are checked as at registration (403,
    404, 409 naming the field).

    Args:
        server (str): The server's name or `mcp_…` id.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (McpServerUpdate): Only the fields sent change (``null`` clears ``credential`` and
            ``allowed_tools``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeMcpServerRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        server=server,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpServerUpdate,
    if_match: str | Unset = UNSET,
) -> EnvelopeMcpServerRead | ErrorBody | None:
    """Change an MCP server

     Only the fields sent change; `null` clears `credential` or `allowed_tools`. `If-Match` /
    `expected_version`: 409 on mismatch. The URL and credential are checked as at registration (403,
    404, 409 naming the field).

    Args:
        server (str): The server's name or `mcp_…` id.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (McpServerUpdate): Only the fields sent change (``null`` clears ``credential`` and
            ``allowed_tools``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeMcpServerRead | ErrorBody
    """

    return sync_detailed(
        server=server,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpServerUpdate,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeMcpServerRead | ErrorBody]:
    """Change an MCP server

     Only the fields sent change; `null` clears `credential` or `allowed_tools`. `If-Match` /
    `expected_version`: 409 on mismatch. The URL and credential are checked as at registration (403,
    404, 409 naming the field).

    Args:
        server (str): The server's name or `mcp_…` id.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (McpServerUpdate): Only the fields sent change (``null`` clears ``credential`` and
            ``allowed_tools``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeMcpServerRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        server=server,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    server: str,
    *,
    client: AuthenticatedClient,
    body: McpServerUpdate,
    if_match: str | Unset = UNSET,
) -> EnvelopeMcpServerRead | ErrorBody | None:
    """Change an MCP server

     Only the fields sent change; `null` clears `credential` or `allowed_tools`. `If-Match` /
    `expected_version`: 409 on mismatch. The URL and credential are checked as at registration (403,
    404, 409 naming the field).

    Args:
        server (str): The server's name or `mcp_…` id.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (McpServerUpdate): Only the fields sent change (``null`` clears ``credential`` and
            ``allowed_tools``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeMcpServerRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            server=server,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
