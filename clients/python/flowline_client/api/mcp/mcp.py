from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.mcp_body_type_0 import McpBodyType0
from ...models.mcp_body_type_1_item import McpBodyType1Item
from ...models.rpc_error_body import RpcErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: list[McpBodyType1Item] | McpBodyType0,
    agents: str | Unset = UNSET,
    flows: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["agents"] = agents

    params["flows"] = flows

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/mcp",
        "params": params,
    }

    if isinstance(body, McpBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = []
        for body_type_1_item_data in body:
            body_type_1_item = body_type_1_item_data.to_dict()
            _kwargs["json"].append(body_type_1_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorBody | RpcErrorBody | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

    if response.status_code == 400:
        response_400 = RpcErrorBody.from_dict(response.json())

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
) -> Response[Any | ErrorBody | RpcErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[McpBodyType1Item] | McpBodyType0,
    agents: str | Unset = UNSET,
    flows: str | Unset = UNSET,
) -> Response[Any | ErrorBody | RpcErrorBody]:
    """MCP: JSON-RPC over Streamable HTTP

     ``/mcp``: an MCP server (Streamable HTTP, JSON answers) offering agents and flows as tools.

    Any MCP client points at ``http://host:8420/mcp`` with a Flowline API key
    (``Authorization: Bearer …``). Which agents and flows it sees is chosen in the
    URL: ``/mcp?agents=agt_1,agt_2&flows=flw_1`` (either list may be left out;
    with neither, every agent and every active flow of the organisation). Each
    agent is a tool ``agent_<name>`` taking ``{"message"}`` and answering with the
    agent's reply (one chat turn on a new conversation); each flow is a tool
    ``flow_<name>`` whose input schema is the flow's ``start`` input schema and
    whose answer is the run's output as JSON (the run is waited for up to
    ``FLOW_WAIT_SECONDS``; a run that has not ended by then is told as such, with
    its id). Failures are tool results with ``isError``, as MCP wants.

    JSON-RPC methods: ``initialize``, ``notifications/initialized`` (and any other
    notification: ``202``), ``ping``, ``tools/list``, ``tools/call``; batches too.
    A body that is not JSON is ``400`` with the JSON-RPC error ``-32700``; one that is
    not a JSON-RPC 2.0 request or notification (or a non-empty batch of them) as this
    document describes it is ``400`` with ``-32600`` (Invalid Request), as MCP asks of
    input a server cannot accept.
    ``GET /mcp`` is ``405``: this server sends nothing unasked.

    Args:
        agents (str | Unset):
        flows (str | Unset):
        body (list[McpBodyType1Item] | McpBodyType0):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | RpcErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        agents=agents,
        flows=flows,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: list[McpBodyType1Item] | McpBodyType0,
    agents: str | Unset = UNSET,
    flows: str | Unset = UNSET,
) -> Any | ErrorBody | RpcErrorBody | None:
    """MCP: JSON-RPC over Streamable HTTP

     ``/mcp``: an MCP server (Streamable HTTP, JSON answers) offering agents and flows as tools.

    Any MCP client points at ``http://host:8420/mcp`` with a Flowline API key
    (``Authorization: Bearer …``). Which agents and flows it sees is chosen in the
    URL: ``/mcp?agents=agt_1,agt_2&flows=flw_1`` (either list may be left out;
    with neither, every agent and every active flow of the organisation). Each
    agent is a tool ``agent_<name>`` taking ``{"message"}`` and answering with the
    agent's reply (one chat turn on a new conversation); each flow is a tool
    ``flow_<name>`` whose input schema is the flow's ``start`` input schema and
    whose answer is the run's output as JSON (the run is waited for up to
    ``FLOW_WAIT_SECONDS``; a run that has not ended by then is told as such, with
    its id). Failures are tool results with ``isError``, as MCP wants.

    JSON-RPC methods: ``initialize``, ``notifications/initialized`` (and any other
    notification: ``202``), ``ping``, ``tools/list``, ``tools/call``; batches too.
    A body that is not JSON is ``400`` with the JSON-RPC error ``-32700``; one that is
    not a JSON-RPC 2.0 request or notification (or a non-empty batch of them) as this
    document describes it is ``400`` with ``-32600`` (Invalid Request), as MCP asks of
    input a server cannot accept.
    ``GET /mcp`` is ``405``: this server sends nothing unasked.

    Args:
        agents (str | Unset):
        flows (str | Unset):
        body (list[McpBodyType1Item] | McpBodyType0):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | RpcErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        agents=agents,
        flows=flows,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[McpBodyType1Item] | McpBodyType0,
    agents: str | Unset = UNSET,
    flows: str | Unset = UNSET,
) -> Response[Any | ErrorBody | RpcErrorBody]:
    """MCP: JSON-RPC over Streamable HTTP

     ``/mcp``: an MCP server (Streamable HTTP, JSON answers) offering agents and flows as tools.

    Any MCP client points at ``http://host:8420/mcp`` with a Flowline API key
    (``Authorization: Bearer …``). Which agents and flows it sees is chosen in the
    URL: ``/mcp?agents=agt_1,agt_2&flows=flw_1`` (either list may be left out;
    with neither, every agent and every active flow of the organisation). Each
    agent is a tool ``agent_<name>`` taking ``{"message"}`` and answering with the
    agent's reply (one chat turn on a new conversation); each flow is a tool
    ``flow_<name>`` whose input schema is the flow's ``start`` input schema and
    whose answer is the run's output as JSON (the run is waited for up to
    ``FLOW_WAIT_SECONDS``; a run that has not ended by then is told as such, with
    its id). Failures are tool results with ``isError``, as MCP wants.

    JSON-RPC methods: ``initialize``, ``notifications/initialized`` (and any other
    notification: ``202``), ``ping``, ``tools/list``, ``tools/call``; batches too.
    A body that is not JSON is ``400`` with the JSON-RPC error ``-32700``; one that is
    not a JSON-RPC 2.0 request or notification (or a non-empty batch of them) as this
    document describes it is ``400`` with ``-32600`` (Invalid Request), as MCP asks of
    input a server cannot accept.
    ``GET /mcp`` is ``405``: this server sends nothing unasked.

    Args:
        agents (str | Unset):
        flows (str | Unset):
        body (list[McpBodyType1Item] | McpBodyType0):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorBody | RpcErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        agents=agents,
        flows=flows,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[McpBodyType1Item] | McpBodyType0,
    agents: str | Unset = UNSET,
    flows: str | Unset = UNSET,
) -> Any | ErrorBody | RpcErrorBody | None:
    """MCP: JSON-RPC over Streamable HTTP

     ``/mcp``: an MCP server (Streamable HTTP, JSON answers) offering agents and flows as tools.

    Any MCP client points at ``http://host:8420/mcp`` with a Flowline API key
    (``Authorization: Bearer …``). Which agents and flows it sees is chosen in the
    URL: ``/mcp?agents=agt_1,agt_2&flows=flw_1`` (either list may be left out;
    with neither, every agent and every active flow of the organisation). Each
    agent is a tool ``agent_<name>`` taking ``{"message"}`` and answering with the
    agent's reply (one chat turn on a new conversation); each flow is a tool
    ``flow_<name>`` whose input schema is the flow's ``start`` input schema and
    whose answer is the run's output as JSON (the run is waited for up to
    ``FLOW_WAIT_SECONDS``; a run that has not ended by then is told as such, with
    its id). Failures are tool results with ``isError``, as MCP wants.

    JSON-RPC methods: ``initialize``, ``notifications/initialized`` (and any other
    notification: ``202``), ``ping``, ``tools/list``, ``tools/call``; batches too.
    A body that is not JSON is ``400`` with the JSON-RPC error ``-32700``; one that is
    not a JSON-RPC 2.0 request or notification (or a non-empty batch of them) as this
    document describes it is ``400`` with ``-32600`` (Invalid Request), as MCP asks of
    input a server cannot accept.
    ``GET /mcp`` is ``405``: this server sends nothing unasked.

    Args:
        agents (str | Unset):
        flows (str | Unset):
        body (list[McpBodyType1Item] | McpBodyType0):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorBody | RpcErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            agents=agents,
            flows=flows,
        )
    ).parsed
