from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_mcp_server_read import EnvelopeMcpServerRead
from ...models.error_body import ErrorBody
from ...models.mcp_server_create import McpServerCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: McpServerCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/mcp-servers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeMcpServerRead | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopeMcpServerRead.from_dict(response.json())

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
) -> Response[EnvelopeMcpServerRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: McpServerCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeMcpServerRead | ErrorBody]:
    """Register an MCP server

     A Streamable HTTP endpoint. `credential` names a secret sent as the auth header, only to the hosts
    it is bound to: a secret that does not exist is 404 and one not bound to the URL's host 409, naming
    `credential`. A URL this instance's network policy refuses as written (a private, loopback or
    unspecified address not in `FLOWLINE_ALLOW_HOSTS`) is 403 `OUTBOUND_REFUSED` naming `url`: a setting
    of the instance, not a rule of the request. A name in use is 409. Bare or as `{"mcp_server":
    {...}}`.

    Args:
        idempotency_key (str | Unset):
        body (McpServerCreate): An MCP server speaking Streamable HTTP.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeMcpServerRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: McpServerCreate,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeMcpServerRead | ErrorBody | None:
    """Register an MCP server

     A Streamable HTTP endpoint. `credential` names a secret sent as the auth header, only to the hosts
    it is bound to: a secret that does not exist is 404 and one not bound to the URL's host 409, naming
    `credential`. A URL this instance's network policy refuses as written (a private, loopback or
    unspecified address not in `FLOWLINE_ALLOW_HOSTS`) is 403 `OUTBOUND_REFUSED` naming `url`: a setting
    of the instance, not a rule of the request. A name in use is 409. Bare or as `{"mcp_server":
    {...}}`.

    Args:
        idempotency_key (str | Unset):
        body (McpServerCreate): An MCP server speaking Streamable HTTP.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeMcpServerRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: McpServerCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeMcpServerRead | ErrorBody]:
    """Register an MCP server

     A Streamable HTTP endpoint. `credential` names a secret sent as the auth header, only to the hosts
    it is bound to: a secret that does not exist is 404 and one not bound to the URL's host 409, naming
    `credential`. A URL this instance's network policy refuses as written (a private, loopback or
    unspecified address not in `FLOWLINE_ALLOW_HOSTS`) is 403 `OUTBOUND_REFUSED` naming `url`: a setting
    of the instance, not a rule of the request. A name in use is 409. Bare or as `{"mcp_server":
    {...}}`.

    Args:
        idempotency_key (str | Unset):
        body (McpServerCreate): An MCP server speaking Streamable HTTP.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeMcpServerRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: McpServerCreate,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeMcpServerRead | ErrorBody | None:
    """Register an MCP server

     A Streamable HTTP endpoint. `credential` names a secret sent as the auth header, only to the hosts
    it is bound to: a secret that does not exist is 404 and one not bound to the URL's host 409, naming
    `credential`. A URL this instance's network policy refuses as written (a private, loopback or
    unspecified address not in `FLOWLINE_ALLOW_HOSTS`) is 403 `OUTBOUND_REFUSED` naming `url`: a setting
    of the instance, not a rule of the request. A name in use is 409. Bare or as `{"mcp_server":
    {...}}`.

    Args:
        idempotency_key (str | Unset):
        body (McpServerCreate): An MCP server speaking Streamable HTTP.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeMcpServerRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
