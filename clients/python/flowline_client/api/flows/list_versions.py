from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_envelope_flow_version_read import PageEnvelopeFlowVersionRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    flow_id: str,
    *,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/flows/{flow_id}/versions".format(
            flow_id=quote(str(flow_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeFlowVersionRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeFlowVersionRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeFlowVersionRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeFlowVersionRead]:
    """List a flow's versions

     Every saved definition, newest first. Versions never change.

    Args:
        flow_id (str):
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeFlowVersionRead]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeFlowVersionRead | None:
    """List a flow's versions

     Every saved definition, newest first. Versions never change.

    Args:
        flow_id (str):
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeFlowVersionRead
    """

    return sync_detailed(
        flow_id=flow_id,
        client=client,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeFlowVersionRead]:
    """List a flow's versions

     Every saved definition, newest first. Versions never change.

    Args:
        flow_id (str):
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeFlowVersionRead]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeFlowVersionRead | None:
    """List a flow's versions

     Every saved definition, newest first. Versions never change.

    Args:
        flow_id (str):
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeFlowVersionRead
    """

    return (
        await asyncio_detailed(
            flow_id=flow_id,
            client=client,
            page=page,
            size=size,
        )
    ).parsed
