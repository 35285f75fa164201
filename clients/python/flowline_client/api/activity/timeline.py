from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.page_envelope_timeline_item import PageEnvelopeTimelineItem
from ...models.timeline_query import TimelineQuery
from ...types import Response


def _get_kwargs(
    *,
    body: TimelineQuery,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/activity/timeline",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeTimelineItem | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeTimelineItem.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeTimelineItem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TimelineQuery,
) -> Response[ErrorBody | PageEnvelopeTimelineItem]:
    """A contact's or an account's timeline

     Conversations, their messages, emails (messages of email channels), runs in those conversations,
    their approvals, and artifacts, for one `contact_id` (404 if not the organisation's) or an `account`
    (an email domain, or contacts' metadata `account`); newest first, paged by `page`/`size` in the body
    (the newest 10,000 items). `kinds` narrows it.

    Args:
        body (TimelineQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeTimelineItem]
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
    body: TimelineQuery,
) -> ErrorBody | PageEnvelopeTimelineItem | None:
    """A contact's or an account's timeline

     Conversations, their messages, emails (messages of email channels), runs in those conversations,
    their approvals, and artifacts, for one `contact_id` (404 if not the organisation's) or an `account`
    (an email domain, or contacts' metadata `account`); newest first, paged by `page`/`size` in the body
    (the newest 10,000 items). `kinds` narrows it.

    Args:
        body (TimelineQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeTimelineItem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TimelineQuery,
) -> Response[ErrorBody | PageEnvelopeTimelineItem]:
    """A contact's or an account's timeline

     Conversations, their messages, emails (messages of email channels), runs in those conversations,
    their approvals, and artifacts, for one `contact_id` (404 if not the organisation's) or an `account`
    (an email domain, or contacts' metadata `account`); newest first, paged by `page`/`size` in the body
    (the newest 10,000 items). `kinds` narrows it.

    Args:
        body (TimelineQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeTimelineItem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TimelineQuery,
) -> ErrorBody | PageEnvelopeTimelineItem | None:
    """A contact's or an account's timeline

     Conversations, their messages, emails (messages of email channels), runs in those conversations,
    their approvals, and artifacts, for one `contact_id` (404 if not the organisation's) or an `account`
    (an email domain, or contacts' metadata `account`); newest first, paged by `page`/`size` in the body
    (the newest 10,000 items). `kinds` narrows it.

    Args:
        body (TimelineQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeTimelineItem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
