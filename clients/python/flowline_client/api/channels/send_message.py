from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_channels_message_read import EnvelopeChannelsMessageRead
from ...models.error_body import ErrorBody
from ...models.send_body import SendBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    channel_id: str,
    *,
    body: SendBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/channels/{channel_id}/send".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeChannelsMessageRead | ErrorBody | None:
    if response.status_code == 202:
        response_202 = EnvelopeChannelsMessageRead.from_dict(response.json())

        return response_202

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
) -> Response[EnvelopeChannelsMessageRead | ErrorBody]:
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
    body: SendBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeChannelsMessageRead | ErrorBody]:
    """Send a message

     `{to, text}`, `{to, media}` or `{to, interactive}`. Checked before anything is stored: 404
    `CHANNEL_NOT_FOUND`, 409 `CHANNEL_DISABLED`, 422 `INVALID_ADDRESS` (`to` is not an address of this
    kind; phones in E.164), 422 `COUNTRY_NOT_ALLOWED` (`limits.allowed_countries`), 409
    `CONTACT_OPTED_OUT` (the contact sent STOP or another opt-out keyword), 429 `CONTACT_HOURLY_CAP`
    (`limits.max_per_contact_per_hour`), 429 `CHANNEL_RATE_LIMITED` with `Retry-After`
    (`limits.messages_per_second`, held across processes). Accepted: 202 with the message `queued`; the
    provider is called by the engine (one request per message, the message id as idempotency key;
    temporary failures retried), and the message moves to `sent` or `failed` (see `GET messages/{id}` or
    the channel's stream). `Idempotency-Key` makes a repeat answer the first message. Free-form messages
    on a kind with a session window (WhatsApp: 24 h after the contact's last message) answer 422
    `OUTSIDE_SESSION_WINDOW` outside it: send a template.

    Args:
        channel_id (str):
        idempotency_key (str | Unset):
        body (SendBody): ``{to, text}``, ``{to, media}`` or ``{to, interactive}``: exactly one of
            the three.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeChannelsMessageRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    body: SendBody,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeChannelsMessageRead | ErrorBody | None:
    """Send a message

     `{to, text}`, `{to, media}` or `{to, interactive}`. Checked before anything is stored: 404
    `CHANNEL_NOT_FOUND`, 409 `CHANNEL_DISABLED`, 422 `INVALID_ADDRESS` (`to` is not an address of this
    kind; phones in E.164), 422 `COUNTRY_NOT_ALLOWED` (`limits.allowed_countries`), 409
    `CONTACT_OPTED_OUT` (the contact sent STOP or another opt-out keyword), 429 `CONTACT_HOURLY_CAP`
    (`limits.max_per_contact_per_hour`), 429 `CHANNEL_RATE_LIMITED` with `Retry-After`
    (`limits.messages_per_second`, held across processes). Accepted: 202 with the message `queued`; the
    provider is called by the engine (one request per message, the message id as idempotency key;
    temporary failures retried), and the message moves to `sent` or `failed` (see `GET messages/{id}` or
    the channel's stream). `Idempotency-Key` makes a repeat answer the first message. Free-form messages
    on a kind with a session window (WhatsApp: 24 h after the contact's last message) answer 422
    `OUTSIDE_SESSION_WINDOW` outside it: send a template.

    Args:
        channel_id (str):
        idempotency_key (str | Unset):
        body (SendBody): ``{to, text}``, ``{to, media}`` or ``{to, interactive}``: exactly one of
            the three.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeChannelsMessageRead | ErrorBody
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    body: SendBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeChannelsMessageRead | ErrorBody]:
    """Send a message

     `{to, text}`, `{to, media}` or `{to, interactive}`. Checked before anything is stored: 404
    `CHANNEL_NOT_FOUND`, 409 `CHANNEL_DISABLED`, 422 `INVALID_ADDRESS` (`to` is not an address of this
    kind; phones in E.164), 422 `COUNTRY_NOT_ALLOWED` (`limits.allowed_countries`), 409
    `CONTACT_OPTED_OUT` (the contact sent STOP or another opt-out keyword), 429 `CONTACT_HOURLY_CAP`
    (`limits.max_per_contact_per_hour`), 429 `CHANNEL_RATE_LIMITED` with `Retry-After`
    (`limits.messages_per_second`, held across processes). Accepted: 202 with the message `queued`; the
    provider is called by the engine (one request per message, the message id as idempotency key;
    temporary failures retried), and the message moves to `sent` or `failed` (see `GET messages/{id}` or
    the channel's stream). `Idempotency-Key` makes a repeat answer the first message. Free-form messages
    on a kind with a session window (WhatsApp: 24 h after the contact's last message) answer 422
    `OUTSIDE_SESSION_WINDOW` outside it: send a template.

    Args:
        channel_id (str):
        idempotency_key (str | Unset):
        body (SendBody): ``{to, text}``, ``{to, media}`` or ``{to, interactive}``: exactly one of
            the three.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeChannelsMessageRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    body: SendBody,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeChannelsMessageRead | ErrorBody | None:
    """Send a message

     `{to, text}`, `{to, media}` or `{to, interactive}`. Checked before anything is stored: 404
    `CHANNEL_NOT_FOUND`, 409 `CHANNEL_DISABLED`, 422 `INVALID_ADDRESS` (`to` is not an address of this
    kind; phones in E.164), 422 `COUNTRY_NOT_ALLOWED` (`limits.allowed_countries`), 409
    `CONTACT_OPTED_OUT` (the contact sent STOP or another opt-out keyword), 429 `CONTACT_HOURLY_CAP`
    (`limits.max_per_contact_per_hour`), 429 `CHANNEL_RATE_LIMITED` with `Retry-After`
    (`limits.messages_per_second`, held across processes). Accepted: 202 with the message `queued`; the
    provider is called by the engine (one request per message, the message id as idempotency key;
    temporary failures retried), and the message moves to `sent` or `failed` (see `GET messages/{id}` or
    the channel's stream). `Idempotency-Key` makes a repeat answer the first message. Free-form messages
    on a kind with a session window (WhatsApp: 24 h after the contact's last message) answer 422
    `OUTSIDE_SESSION_WINDOW` outside it: send a template.

    Args:
        channel_id (str):
        idempotency_key (str | Unset):
        body (SendBody): ``{to, text}``, ``{to, media}`` or ``{to, interactive}``: exactly one of
            the three.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeChannelsMessageRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
