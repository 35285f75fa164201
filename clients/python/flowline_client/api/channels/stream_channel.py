from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_envelope_channel_event_read import PageEnvelopeChannelEventRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    channel_id: str,
    *,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = str(last_event_id)

    params: dict[str, Any] = {}

    params["after_seq"] = after_seq

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/channels/{channel_id}/stream".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeChannelEventRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeChannelEventRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeChannelEventRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> Response[ErrorBody | PageEnvelopeChannelEventRead]:
    """Follow a channel's messages

     With `Accept: text/event-stream`: server-sent events of the channel (any kind), first those after
    `Last-Event-ID` (or `after_seq`), then new ones live: `message.queued`, `message.sent`,
    `message.delivered`, `message.read`, `message.failed`, `message.received`, `message.routed` (`to`:
    `run`, `flow`, `agent` or `stored`, with why; `held: true` when the agent's turn is busy),
    `contact.opted_out`, `contact.opted_in`, `agent.unanswered` (an agent turn that sent no answer, and
    why). `id:` is the event's number in the channel, `data` its JSON (`message` as `GET messages/{id}`
    shows it). `: ping` every 15 s; ends when the channel is deleted. Without that `Accept`: the stored
    events, oldest first, as a JSON page.

    Args:
        channel_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): Takes precedence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeChannelEventRead]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        after_seq=after_seq,
        page=page,
        size=size,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> ErrorBody | PageEnvelopeChannelEventRead | None:
    """Follow a channel's messages

     With `Accept: text/event-stream`: server-sent events of the channel (any kind), first those after
    `Last-Event-ID` (or `after_seq`), then new ones live: `message.queued`, `message.sent`,
    `message.delivered`, `message.read`, `message.failed`, `message.received`, `message.routed` (`to`:
    `run`, `flow`, `agent` or `stored`, with why; `held: true` when the agent's turn is busy),
    `contact.opted_out`, `contact.opted_in`, `agent.unanswered` (an agent turn that sent no answer, and
    why). `id:` is the event's number in the channel, `data` its JSON (`message` as `GET messages/{id}`
    shows it). `: ping` every 15 s; ends when the channel is deleted. Without that `Accept`: the stored
    events, oldest first, as a JSON page.

    Args:
        channel_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): Takes precedence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeChannelEventRead
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        after_seq=after_seq,
        page=page,
        size=size,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> Response[ErrorBody | PageEnvelopeChannelEventRead]:
    """Follow a channel's messages

     With `Accept: text/event-stream`: server-sent events of the channel (any kind), first those after
    `Last-Event-ID` (or `after_seq`), then new ones live: `message.queued`, `message.sent`,
    `message.delivered`, `message.read`, `message.failed`, `message.received`, `message.routed` (`to`:
    `run`, `flow`, `agent` or `stored`, with why; `held: true` when the agent's turn is busy),
    `contact.opted_out`, `contact.opted_in`, `agent.unanswered` (an agent turn that sent no answer, and
    why). `id:` is the event's number in the channel, `data` its JSON (`message` as `GET messages/{id}`
    shows it). `: ping` every 15 s; ends when the channel is deleted. Without that `Accept`: the stored
    events, oldest first, as a JSON page.

    Args:
        channel_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): Takes precedence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeChannelEventRead]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        after_seq=after_seq,
        page=page,
        size=size,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> ErrorBody | PageEnvelopeChannelEventRead | None:
    """Follow a channel's messages

     With `Accept: text/event-stream`: server-sent events of the channel (any kind), first those after
    `Last-Event-ID` (or `after_seq`), then new ones live: `message.queued`, `message.sent`,
    `message.delivered`, `message.read`, `message.failed`, `message.received`, `message.routed` (`to`:
    `run`, `flow`, `agent` or `stored`, with why; `held: true` when the agent's turn is busy),
    `contact.opted_out`, `contact.opted_in`, `agent.unanswered` (an agent turn that sent no answer, and
    why). `id:` is the event's number in the channel, `data` its JSON (`message` as `GET messages/{id}`
    shows it). `: ping` every 15 s; ends when the channel is deleted. Without that `Accept`: the stored
    events, oldest first, as a JSON page.

    Args:
        channel_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): Takes precedence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeChannelEventRead
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            after_seq=after_seq,
            page=page,
            size=size,
            last_event_id=last_event_id,
        )
    ).parsed
