from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_envelope_conversation_event_read import PageEnvelopeConversationEventRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    after_id: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = str(last_event_id)

    params: dict[str, Any] = {}

    params["after_id"] = after_id

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/conversations/{conversation_id}/stream".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeConversationEventRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeConversationEventRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeConversationEventRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after_id: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> Response[ErrorBody | PageEnvelopeConversationEventRead]:
    """Stream a conversation's events

     With `Accept: text/event-stream`: server-sent events of every run (chat turn) of the conversation,
    in the order they were stored: `run.started`, `message.delta`, `tool_call.started`,
    `tool_call.completed`, `approval.requested`, `question.asked`, `message.completed`, `run.completed`,
    `error`, and the runs' `step.*` and `run.*` events. `event:` is the type; `data` is the event's JSON
    with `run_id` and `seq` (the run's own number); `id:` is the event's place in the conversation,
    which `Last-Event-ID` (or `after_id`) resumes after. `: ping` every 15 s. The stream stays open for
    the next turns and ends when the conversation is deleted. Without that `Accept`: the events stored
    so far, oldest first, as a JSON page.

    Args:
        conversation_id (str):
        after_id (int | Unset): Only the events after this `id`. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `id:` received; takes precedence over
            `after_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeConversationEventRead]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        after_id=after_id,
        page=page,
        size=size,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after_id: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> ErrorBody | PageEnvelopeConversationEventRead | None:
    """Stream a conversation's events

     With `Accept: text/event-stream`: server-sent events of every run (chat turn) of the conversation,
    in the order they were stored: `run.started`, `message.delta`, `tool_call.started`,
    `tool_call.completed`, `approval.requested`, `question.asked`, `message.completed`, `run.completed`,
    `error`, and the runs' `step.*` and `run.*` events. `event:` is the type; `data` is the event's JSON
    with `run_id` and `seq` (the run's own number); `id:` is the event's place in the conversation,
    which `Last-Event-ID` (or `after_id`) resumes after. `: ping` every 15 s. The stream stays open for
    the next turns and ends when the conversation is deleted. Without that `Accept`: the events stored
    so far, oldest first, as a JSON page.

    Args:
        conversation_id (str):
        after_id (int | Unset): Only the events after this `id`. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `id:` received; takes precedence over
            `after_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeConversationEventRead
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        after_id=after_id,
        page=page,
        size=size,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after_id: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> Response[ErrorBody | PageEnvelopeConversationEventRead]:
    """Stream a conversation's events

     With `Accept: text/event-stream`: server-sent events of every run (chat turn) of the conversation,
    in the order they were stored: `run.started`, `message.delta`, `tool_call.started`,
    `tool_call.completed`, `approval.requested`, `question.asked`, `message.completed`, `run.completed`,
    `error`, and the runs' `step.*` and `run.*` events. `event:` is the type; `data` is the event's JSON
    with `run_id` and `seq` (the run's own number); `id:` is the event's place in the conversation,
    which `Last-Event-ID` (or `after_id`) resumes after. `: ping` every 15 s. The stream stays open for
    the next turns and ends when the conversation is deleted. Without that `Accept`: the events stored
    so far, oldest first, as a JSON page.

    Args:
        conversation_id (str):
        after_id (int | Unset): Only the events after this `id`. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `id:` received; takes precedence over
            `after_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeConversationEventRead]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        after_id=after_id,
        page=page,
        size=size,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    after_id: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> ErrorBody | PageEnvelopeConversationEventRead | None:
    """Stream a conversation's events

     With `Accept: text/event-stream`: server-sent events of every run (chat turn) of the conversation,
    in the order they were stored: `run.started`, `message.delta`, `tool_call.started`,
    `tool_call.completed`, `approval.requested`, `question.asked`, `message.completed`, `run.completed`,
    `error`, and the runs' `step.*` and `run.*` events. `event:` is the type; `data` is the event's JSON
    with `run_id` and `seq` (the run's own number); `id:` is the event's place in the conversation,
    which `Last-Event-ID` (or `after_id`) resumes after. `: ping` every 15 s. The stream stays open for
    the next turns and ends when the conversation is deleted. Without that `Accept`: the events stored
    so far, oldest first, as a JSON page.

    Args:
        conversation_id (str):
        after_id (int | Unset): Only the events after this `id`. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `id:` received; takes precedence over
            `after_id`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeConversationEventRead
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            after_id=after_id,
            page=page,
            size=size,
            last_event_id=last_event_id,
        )
    ).parsed
