from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.draft_reply import DraftReply
from ...models.envelope_drafted import EnvelopeDrafted
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: DraftReply,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/emails/draft-reply",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeDrafted | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopeDrafted.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorBody.from_dict(response.json())

        return response_402

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

    if response.status_code == 502:
        response_502 = ErrorBody.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnvelopeDrafted | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DraftReply,
) -> Response[EnvelopeDrafted | ErrorBody]:
    """Draft a reply to a received email

     To the sender of `message_id` (a message of an email channel; 404 `EMAIL_NOT_FOUND` otherwise),
    `Re:` its subject, threaded on send, in its conversation. The model is the one mapped to the
    `email_draft` use case (`/llm/config/model-options`), else the default; the call is charged to the
    organisation (402 when out of budget).

    Args:
        body (DraftReply): A reply the model writes to a received email (a message of an email
            channel).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeDrafted | ErrorBody]
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
    body: DraftReply,
) -> EnvelopeDrafted | ErrorBody | None:
    """Draft a reply to a received email

     To the sender of `message_id` (a message of an email channel; 404 `EMAIL_NOT_FOUND` otherwise),
    `Re:` its subject, threaded on send, in its conversation. The model is the one mapped to the
    `email_draft` use case (`/llm/config/model-options`), else the default; the call is charged to the
    organisation (402 when out of budget).

    Args:
        body (DraftReply): A reply the model writes to a received email (a message of an email
            channel).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeDrafted | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DraftReply,
) -> Response[EnvelopeDrafted | ErrorBody]:
    """Draft a reply to a received email

     To the sender of `message_id` (a message of an email channel; 404 `EMAIL_NOT_FOUND` otherwise),
    `Re:` its subject, threaded on send, in its conversation. The model is the one mapped to the
    `email_draft` use case (`/llm/config/model-options`), else the default; the call is charged to the
    organisation (402 when out of budget).

    Args:
        body (DraftReply): A reply the model writes to a received email (a message of an email
            channel).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeDrafted | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DraftReply,
) -> EnvelopeDrafted | ErrorBody | None:
    """Draft a reply to a received email

     To the sender of `message_id` (a message of an email channel; 404 `EMAIL_NOT_FOUND` otherwise),
    `Re:` its subject, threaded on send, in its conversation. The model is the one mapped to the
    `email_draft` use case (`/llm/config/model-options`), else the default; the call is charged to the
    organisation (402 when out of budget).

    Args:
        body (DraftReply): A reply the model writes to a received email (a message of an email
            channel).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeDrafted | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
