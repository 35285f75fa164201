import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.list_channel_messages_direction import ListChannelMessagesDirection
from ...models.list_channel_messages_status import ListChannelMessagesStatus
from ...models.page_envelope_channels_message_read import PageEnvelopeChannelsMessageRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    channel_id: str,
    *,
    contact_id: str | Unset = UNSET,
    direction: ListChannelMessagesDirection | Unset = UNSET,
    status: ListChannelMessagesStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["contact_id"] = contact_id

    json_direction: str | Unset = UNSET
    if not isinstance(direction, Unset):
        json_direction = direction.value

    params["direction"] = json_direction

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/channels/{channel_id}/messages".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeChannelsMessageRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeChannelsMessageRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeChannelsMessageRead]:
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
    contact_id: str | Unset = UNSET,
    direction: ListChannelMessagesDirection | Unset = UNSET,
    status: ListChannelMessagesStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeChannelsMessageRead]:
    """List a channel's messages

     Newest first; filters combine.

    Args:
        channel_id (str):
        contact_id (str | Unset):
        direction (ListChannelMessagesDirection | Unset): `in` or `out`.
        status (ListChannelMessagesStatus | Unset):
        since (datetime.datetime | Unset): Only messages created at or after this ISO 8601 time.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeChannelsMessageRead]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        contact_id=contact_id,
        direction=direction,
        status=status,
        since=since,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    contact_id: str | Unset = UNSET,
    direction: ListChannelMessagesDirection | Unset = UNSET,
    status: ListChannelMessagesStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeChannelsMessageRead | None:
    """List a channel's messages

     Newest first; filters combine.

    Args:
        channel_id (str):
        contact_id (str | Unset):
        direction (ListChannelMessagesDirection | Unset): `in` or `out`.
        status (ListChannelMessagesStatus | Unset):
        since (datetime.datetime | Unset): Only messages created at or after this ISO 8601 time.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeChannelsMessageRead
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        contact_id=contact_id,
        direction=direction,
        status=status,
        since=since,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    contact_id: str | Unset = UNSET,
    direction: ListChannelMessagesDirection | Unset = UNSET,
    status: ListChannelMessagesStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeChannelsMessageRead]:
    """List a channel's messages

     Newest first; filters combine.

    Args:
        channel_id (str):
        contact_id (str | Unset):
        direction (ListChannelMessagesDirection | Unset): `in` or `out`.
        status (ListChannelMessagesStatus | Unset):
        since (datetime.datetime | Unset): Only messages created at or after this ISO 8601 time.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeChannelsMessageRead]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        contact_id=contact_id,
        direction=direction,
        status=status,
        since=since,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    contact_id: str | Unset = UNSET,
    direction: ListChannelMessagesDirection | Unset = UNSET,
    status: ListChannelMessagesStatus | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeChannelsMessageRead | None:
    """List a channel's messages

     Newest first; filters combine.

    Args:
        channel_id (str):
        contact_id (str | Unset):
        direction (ListChannelMessagesDirection | Unset): `in` or `out`.
        status (ListChannelMessagesStatus | Unset):
        since (datetime.datetime | Unset): Only messages created at or after this ISO 8601 time.
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeChannelsMessageRead
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            contact_id=contact_id,
            direction=direction,
            status=status,
            since=since,
            page=page,
            size=size,
        )
    ).parsed
