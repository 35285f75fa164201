from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_ai_error_body import OpenAIErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    response_id: str,
    *,
    stream: bool | Unset = False,
    starting_after: int | Unset = UNSET,
    last_event_id: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["last-event-id"] = str(last_event_id)

    params: dict[str, Any] = {}

    params["stream"] = stream

    params["starting_after"] = starting_after

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/responses/{response_id}".format(
            response_id=quote(str(response_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
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
    stream: bool | Unset = False,
    starting_after: int | Unset = UNSET,
    last_event_id: int | Unset = UNSET,
) -> Response[Any | OpenAIErrorBody]:
    """Get a response

     The stored response as it stands now (its turn may still run, or wait for a person: `in_progress`,
    `incomplete`). With `stream=true`: its events from the first, or after `starting_after` (a
    `sequence_number`; also `Last-Event-ID`), then live until the turn ends or waits for a person. A
    response created with `store: false`, deleted, or another organisation's answers 404.

    Args:
        response_id (str):
        stream (bool | Unset):  Default: False.
        starting_after (int | Unset):
        last_event_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
        stream=stream,
        starting_after=starting_after,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    response_id: str,
    *,
    client: AuthenticatedClient,
    stream: bool | Unset = False,
    starting_after: int | Unset = UNSET,
    last_event_id: int | Unset = UNSET,
) -> Any | OpenAIErrorBody | None:
    """Get a response

     The stored response as it stands now (its turn may still run, or wait for a person: `in_progress`,
    `incomplete`). With `stream=true`: its events from the first, or after `starting_after` (a
    `sequence_number`; also `Last-Event-ID`), then live until the turn ends or waits for a person. A
    response created with `store: false`, deleted, or another organisation's answers 404.

    Args:
        response_id (str):
        stream (bool | Unset):  Default: False.
        starting_after (int | Unset):
        last_event_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OpenAIErrorBody
    """

    return sync_detailed(
        response_id=response_id,
        client=client,
        stream=stream,
        starting_after=starting_after,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    response_id: str,
    *,
    client: AuthenticatedClient,
    stream: bool | Unset = False,
    starting_after: int | Unset = UNSET,
    last_event_id: int | Unset = UNSET,
) -> Response[Any | OpenAIErrorBody]:
    """Get a response

     The stored response as it stands now (its turn may still run, or wait for a person: `in_progress`,
    `incomplete`). With `stream=true`: its events from the first, or after `starting_after` (a
    `sequence_number`; also `Last-Event-ID`), then live until the turn ends or waits for a person. A
    response created with `store: false`, deleted, or another organisation's answers 404.

    Args:
        response_id (str):
        stream (bool | Unset):  Default: False.
        starting_after (int | Unset):
        last_event_id (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        response_id=response_id,
        stream=stream,
        starting_after=starting_after,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    response_id: str,
    *,
    client: AuthenticatedClient,
    stream: bool | Unset = False,
    starting_after: int | Unset = UNSET,
    last_event_id: int | Unset = UNSET,
) -> Any | OpenAIErrorBody | None:
    """Get a response

     The stored response as it stands now (its turn may still run, or wait for a person: `in_progress`,
    `incomplete`). With `stream=true`: its events from the first, or after `starting_after` (a
    `sequence_number`; also `Last-Event-ID`), then live until the turn ends or waits for a person. A
    response created with `store: false`, deleted, or another organisation's answers 404.

    Args:
        response_id (str):
        stream (bool | Unset):  Default: False.
        starting_after (int | Unset):
        last_event_id (int | Unset):

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
            stream=stream,
            starting_after=starting_after,
            last_event_id=last_event_id,
        )
    ).parsed
