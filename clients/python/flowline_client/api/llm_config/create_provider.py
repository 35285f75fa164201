from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_llm_provider_read import EnvelopeLlmProviderRead
from ...models.error_body import ErrorBody
from ...models.llm_provider_create import LlmProviderCreate
from ...types import Response


def _get_kwargs(
    *,
    body: LlmProviderCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/llm/config/providers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeLlmProviderRead | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopeLlmProviderRead.from_dict(response.json())

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
) -> Response[EnvelopeLlmProviderRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: LlmProviderCreate,
) -> Response[EnvelopeLlmProviderRead | ErrorBody]:
    """Add a provider

     Its models are called as `<name>/<model>`. The key is encrypted at rest and never returned. The name
    must be unique in the organisation (409 otherwise). Needs `admin`.

    Args:
        body (LlmProviderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeLlmProviderRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: LlmProviderCreate,
) -> EnvelopeLlmProviderRead | ErrorBody | None:
    """Add a provider

     Its models are called as `<name>/<model>`. The key is encrypted at rest and never returned. The name
    must be unique in the organisation (409 otherwise). Needs `admin`.

    Args:
        body (LlmProviderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeLlmProviderRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: LlmProviderCreate,
) -> Response[EnvelopeLlmProviderRead | ErrorBody]:
    """Add a provider

     Its models are called as `<name>/<model>`. The key is encrypted at rest and never returned. The name
    must be unique in the organisation (409 otherwise). Needs `admin`.

    Args:
        body (LlmProviderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeLlmProviderRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: LlmProviderCreate,
) -> EnvelopeLlmProviderRead | ErrorBody | None:
    """Add a provider

     Its models are called as `<name>/<model>`. The key is encrypted at rest and never returned. The name
    must be unique in the organisation (409 otherwise). Needs `admin`.

    Args:
        body (LlmProviderCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeLlmProviderRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
