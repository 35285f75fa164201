from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_ai_error_body import OpenAIErrorBody
from ...types import Response


def _get_kwargs(
    response_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/responses/{response_id}".format(
            response_id=quote(str(response_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | OpenAIErrorBody | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 400:
        response_400 = OpenAIErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OpenAIErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = OpenAIErrorBody.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = OpenAIErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = OpenAIErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = OpenAIErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = OpenAIErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = OpenAIErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | OpenAIErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    response_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | OpenAIErrorBody]:
    """Delete a response

     Its record goes: it can no longer be retrieved or continued. Its turn stays a run of its
    conversation, as every turn does (delete the conversation to remove it).

    Args:
        response_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    response_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | OpenAIErrorBody | None:
    """Delete a response

     Its record goes: it can no longer be retrieved or continued. Its turn stays a run of its
    conversation, as every turn does (delete the conversation to remove it).

    Args:
        response_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OpenAIErrorBody
    """

    return sync_detailed(
        response_id=response_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    response_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | OpenAIErrorBody]:
    """Delete a response

     Its record goes: it can no longer be retrieved or continued. Its turn stays a run of its
    conversation, as every turn does (delete the conversation to remove it).

    Args:
        response_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    response_id: str,
    *,
    client: AuthenticatedClient,
) -> Any | OpenAIErrorBody | None:
    """Delete a response

     Its record goes: it can no longer be retrieved or continued. Its turn stays a run of its
    conversation, as every turn does (delete the conversation to remove it).

    Args:
        response_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OpenAIErrorBody
    """

    return (
        await asyncio_detailed(
            response_id=response_id,
            client=client,
        )
    ).parsed
