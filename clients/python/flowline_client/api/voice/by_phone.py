from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_call_read import EnvelopeCallRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response


def _get_kwargs(
    *,
    phone: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["phone"] = phone

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/calls/lookup/by-phone",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeCallRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeCallRead.from_dict(response.json())

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
) -> Response[EnvelopeCallRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    phone: str,
) -> Response[EnvelopeCallRead | ErrorBody]:
    """Look up the active call of a phone number

     The newest call with that number that has not ended; 404 `CALL_NOT_FOUND`.

    Args:
        phone (str): E.164, `+1555…`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeCallRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        phone=phone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    phone: str,
) -> EnvelopeCallRead | ErrorBody | None:
    """Look up the active call of a phone number

     The newest call with that number that has not ended; 404 `CALL_NOT_FOUND`.

    Args:
        phone (str): E.164, `+1555…`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeCallRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        phone=phone,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    phone: str,
) -> Response[EnvelopeCallRead | ErrorBody]:
    """Look up the active call of a phone number

     The newest call with that number that has not ended; 404 `CALL_NOT_FOUND`.

    Args:
        phone (str): E.164, `+1555…`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeCallRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        phone=phone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    phone: str,
) -> EnvelopeCallRead | ErrorBody | None:
    """Look up the active call of a phone number

     The newest call with that number that has not ended; 404 `CALL_NOT_FOUND`.

    Args:
        phone (str): E.164, `+1555…`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeCallRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            phone=phone,
        )
    ).parsed
