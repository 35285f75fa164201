from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_key_check_result import EnvelopeKeyCheckResult
from ...models.error_body import ErrorBody
from ...models.key_check import KeyCheck
from ...types import Response


def _get_kwargs(
    *,
    body: KeyCheck,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/llm/config/test-key",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeKeyCheckResult | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeKeyCheckResult.from_dict(response.json())

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
) -> Response[EnvelopeKeyCheckResult | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: KeyCheck,
) -> Response[EnvelopeKeyCheckResult | ErrorBody]:
    """Check a provider key without storing it

     Lists the provider's models with the key, once, without retries. Whatever the provider answers is
    the result: a refused key, an unreachable or overloaded endpoint give `valid: false` with the
    provider's `status` and message. Needs `admin`.

    Args:
        body (KeyCheck):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeKeyCheckResult | ErrorBody]
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
    body: KeyCheck,
) -> EnvelopeKeyCheckResult | ErrorBody | None:
    """Check a provider key without storing it

     Lists the provider's models with the key, once, without retries. Whatever the provider answers is
    the result: a refused key, an unreachable or overloaded endpoint give `valid: false` with the
    provider's `status` and message. Needs `admin`.

    Args:
        body (KeyCheck):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeKeyCheckResult | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: KeyCheck,
) -> Response[EnvelopeKeyCheckResult | ErrorBody]:
    """Check a provider key without storing it

     Lists the provider's models with the key, once, without retries. Whatever the provider answers is
    the result: a refused key, an unreachable or overloaded endpoint give `valid: false` with the
    provider's `status` and message. Needs `admin`.

    Args:
        body (KeyCheck):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeKeyCheckResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: KeyCheck,
) -> EnvelopeKeyCheckResult | ErrorBody | None:
    """Check a provider key without storing it

     Lists the provider's models with the key, once, without retries. Whatever the provider answers is
    the result: a refused key, an unreachable or overloaded endpoint give `valid: false` with the
    provider's `status` and message. Needs `admin`.

    Args:
        body (KeyCheck):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeKeyCheckResult | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
