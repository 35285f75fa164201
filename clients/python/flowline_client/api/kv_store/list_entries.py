from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_envelope_kv_read import PageEnvelopeKvRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    prefix: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["prefix"] = prefix

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/kv",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeKvRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeKvRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeKvRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    prefix: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeKvRead]:
    """List keys

     Live keys in key order, optionally by prefix.

    Args:
        prefix (str | Unset): Only keys starting with this (no control characters, as keys).
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeKvRead]
    """

    kwargs = _get_kwargs(
        prefix=prefix,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    prefix: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeKvRead | None:
    """List keys

     Live keys in key order, optionally by prefix.

    Args:
        prefix (str | Unset): Only keys starting with this (no control characters, as keys).
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeKvRead
    """

    return sync_detailed(
        client=client,
        prefix=prefix,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    prefix: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeKvRead]:
    """List keys

     Live keys in key order, optionally by prefix.

    Args:
        prefix (str | Unset): Only keys starting with this (no control characters, as keys).
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeKvRead]
    """

    kwargs = _get_kwargs(
        prefix=prefix,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    prefix: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeKvRead | None:
    """List keys

     Live keys in key order, optionally by prefix.

    Args:
        prefix (str | Unset): Only keys starting with this (no control characters, as keys).
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeKvRead
    """

    return (
        await asyncio_detailed(
            client=client,
            prefix=prefix,
            page=page,
            size=size,
        )
    ).parsed
