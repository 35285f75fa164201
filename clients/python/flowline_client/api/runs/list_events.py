from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_envelope_run_event_read import PageEnvelopeRunEventRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    run_id: str,
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
        "url": "/api/v1/runs/{run_id}/events".format(
            run_id=quote(str(run_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeRunEventRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeRunEventRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeRunEventRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> Response[ErrorBody | PageEnvelopeRunEventRead]:
    """Read or follow a run's events

     JSON by default. With `Accept: text/event-stream`, a server-sent event stream instead: each event as
    `id: <seq>`, `event: <type>`, `data: <the event as JSON>`, first those after `Last-Event-ID` (or
    `after_seq`), then new ones as they happen. The stream ends after `run.succeeded`, `run.failed` or
    `run.cancelled`, and sends a `: ping` comment every 15 seconds while idle. Reconnect with `Last-
    Event-ID` to go on where it stopped.

    Args:
        run_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `seq` received; takes precedence over
            `after_seq`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeRunEventRead]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
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
    run_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> ErrorBody | PageEnvelopeRunEventRead | None:
    """Read or follow a run's events

     JSON by default. With `Accept: text/event-stream`, a server-sent event stream instead: each event as
    `id: <seq>`, `event: <type>`, `data: <the event as JSON>`, first those after `Last-Event-ID` (or
    `after_seq`), then new ones as they happen. The stream ends after `run.succeeded`, `run.failed` or
    `run.cancelled`, and sends a `: ping` comment every 15 seconds while idle. Reconnect with `Last-
    Event-ID` to go on where it stopped.

    Args:
        run_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `seq` received; takes precedence over
            `after_seq`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeRunEventRead
    """

    return sync_detailed(
        run_id=run_id,
        client=client,
        after_seq=after_seq,
        page=page,
        size=size,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> Response[ErrorBody | PageEnvelopeRunEventRead]:
    """Read or follow a run's events

     JSON by default. With `Accept: text/event-stream`, a server-sent event stream instead: each event as
    `id: <seq>`, `event: <type>`, `data: <the event as JSON>`, first those after `Last-Event-ID` (or
    `after_seq`), then new ones as they happen. The stream ends after `run.succeeded`, `run.failed` or
    `run.cancelled`, and sends a `: ping` comment every 15 seconds while idle. Reconnect with `Last-
    Event-ID` to go on where it stopped.

    Args:
        run_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `seq` received; takes precedence over
            `after_seq`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeRunEventRead]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
        after_seq=after_seq,
        page=page,
        size=size,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    run_id: str,
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    page: int | Unset = 0,
    size: int | Unset = 25,
    last_event_id: int | Unset = UNSET,
) -> ErrorBody | PageEnvelopeRunEventRead | None:
    """Read or follow a run's events

     JSON by default. With `Accept: text/event-stream`, a server-sent event stream instead: each event as
    `id: <seq>`, `event: <type>`, `data: <the event as JSON>`, first those after `Last-Event-ID` (or
    `after_seq`), then new ones as they happen. The stream ends after `run.succeeded`, `run.failed` or
    `run.cancelled`, and sends a `: ping` comment every 15 seconds while idle. Reconnect with `Last-
    Event-ID` to go on where it stopped.

    Args:
        run_id (str):
        after_seq (int | Unset): Only events numbered above this. Default: 0.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        last_event_id (int | Unset): For streams: the last `seq` received; takes precedence over
            `after_seq`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeRunEventRead
    """

    return (
        await asyncio_detailed(
            run_id=run_id,
            client=client,
            after_seq=after_seq,
            page=page,
            size=size,
            last_event_id=last_event_id,
        )
    ).parsed
