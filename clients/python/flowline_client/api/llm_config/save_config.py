from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.byok_save import ByokSave
from ...models.envelope_byok_saved import EnvelopeByokSaved
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: ByokSave,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/llm/config",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeByokSaved | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopeByokSaved.from_dict(response.json())

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
) -> Response[EnvelopeByokSaved | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ByokSave,
) -> Response[EnvelopeByokSaved | ErrorBody]:
    """Save a provider key and model policy

     Creates the provider (or replaces the one of that `name`: its key, allow-list and default model) and
    maps the given use cases to models. The key is encrypted with the instance's secret box and never
    returned; a key that is not printable ASCII, has spaces or is under 8 characters is 422. The mode is
    unchanged (`PUT /llm/config/mode`). Needs `admin`.

    Args:
        body (ByokSave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeByokSaved | ErrorBody]
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
    body: ByokSave,
) -> EnvelopeByokSaved | ErrorBody | None:
    """Save a provider key and model policy

     Creates the provider (or replaces the one of that `name`: its key, allow-list and default model) and
    maps the given use cases to models. The key is encrypted with the instance's secret box and never
    returned; a key that is not printable ASCII, has spaces or is under 8 characters is 422. The mode is
    unchanged (`PUT /llm/config/mode`). Needs `admin`.

    Args:
        body (ByokSave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeByokSaved | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ByokSave,
) -> Response[EnvelopeByokSaved | ErrorBody]:
    """Save a provider key and model policy

     Creates the provider (or replaces the one of that `name`: its key, allow-list and default model) and
    maps the given use cases to models. The key is encrypted with the instance's secret box and never
    returned; a key that is not printable ASCII, has spaces or is under 8 characters is 422. The mode is
    unchanged (`PUT /llm/config/mode`). Needs `admin`.

    Args:
        body (ByokSave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeByokSaved | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ByokSave,
) -> EnvelopeByokSaved | ErrorBody | None:
    """Save a provider key and model policy

     Creates the provider (or replaces the one of that `name`: its key, allow-list and default model) and
    maps the given use cases to models. The key is encrypted with the instance's secret box and never
    returned; a key that is not printable ASCII, has spaces or is under 8 characters is 422. The mode is
    unchanged (`PUT /llm/config/mode`). Needs `admin`.

    Args:
        body (ByokSave):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeByokSaved | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
