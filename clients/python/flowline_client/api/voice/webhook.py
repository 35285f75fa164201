from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_webhook_answer import EnvelopeWebhookAnswer
from ...models.error_body import ErrorBody
from ...models.webhook_body import WebhookBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookBody,
    x_vapi_secret: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_vapi_secret, Unset):
        headers["X-Vapi-Secret"] = x_vapi_secret

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/vapi/webhook",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeWebhookAnswer | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeWebhookAnswer.from_dict(response.json())

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
) -> Response[EnvelopeWebhookAnswer | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookBody,
    x_vapi_secret: str | Unset = UNSET,
) -> Response[EnvelopeWebhookAnswer | ErrorBody]:
    """Vapi webhook receiver

     Vapi's server-URL messages `{"message": {"type", "call": {"id", "customer": {"number"}}, …}}`:
    `status-update` (the call's `status`, `endedReason`), `transcript` (final lines appended; partial
    ones ignored), `end-of-call-report` (`summary` or `analysis.summary`, `artifact.messages`, `cost`,
    `endedReason`: the report lands as a system message in the conversation of the organisation's
    contact with that number, or a new conversation, and starts the configured flow once). Other types
    are acknowledged. Authenticated by `X-Vapi-Secret` (401 `INVALID_SIGNATURE` when missing or
    unknown); a message without `call.id` is 422.

    Args:
        x_vapi_secret (str | Unset):
        body (WebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeWebhookAnswer | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        x_vapi_secret=x_vapi_secret,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookBody,
    x_vapi_secret: str | Unset = UNSET,
) -> EnvelopeWebhookAnswer | ErrorBody | None:
    """Vapi webhook receiver

     Vapi's server-URL messages `{"message": {"type", "call": {"id", "customer": {"number"}}, …}}`:
    `status-update` (the call's `status`, `endedReason`), `transcript` (final lines appended; partial
    ones ignored), `end-of-call-report` (`summary` or `analysis.summary`, `artifact.messages`, `cost`,
    `endedReason`: the report lands as a system message in the conversation of the organisation's
    contact with that number, or a new conversation, and starts the configured flow once). Other types
    are acknowledged. Authenticated by `X-Vapi-Secret` (401 `INVALID_SIGNATURE` when missing or
    unknown); a message without `call.id` is 422.

    Args:
        x_vapi_secret (str | Unset):
        body (WebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeWebhookAnswer | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        x_vapi_secret=x_vapi_secret,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookBody,
    x_vapi_secret: str | Unset = UNSET,
) -> Response[EnvelopeWebhookAnswer | ErrorBody]:
    """Vapi webhook receiver

     Vapi's server-URL messages `{"message": {"type", "call": {"id", "customer": {"number"}}, …}}`:
    `status-update` (the call's `status`, `endedReason`), `transcript` (final lines appended; partial
    ones ignored), `end-of-call-report` (`summary` or `analysis.summary`, `artifact.messages`, `cost`,
    `endedReason`: the report lands as a system message in the conversation of the organisation's
    contact with that number, or a new conversation, and starts the configured flow once). Other types
    are acknowledged. Authenticated by `X-Vapi-Secret` (401 `INVALID_SIGNATURE` when missing or
    unknown); a message without `call.id` is 422.

    Args:
        x_vapi_secret (str | Unset):
        body (WebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeWebhookAnswer | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        x_vapi_secret=x_vapi_secret,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookBody,
    x_vapi_secret: str | Unset = UNSET,
) -> EnvelopeWebhookAnswer | ErrorBody | None:
    """Vapi webhook receiver

     Vapi's server-URL messages `{"message": {"type", "call": {"id", "customer": {"number"}}, …}}`:
    `status-update` (the call's `status`, `endedReason`), `transcript` (final lines appended; partial
    ones ignored), `end-of-call-report` (`summary` or `analysis.summary`, `artifact.messages`, `cost`,
    `endedReason`: the report lands as a system message in the conversation of the organisation's
    contact with that number, or a new conversation, and starts the configured flow once). Other types
    are acknowledged. Authenticated by `X-Vapi-Secret` (401 `INVALID_SIGNATURE` when missing or
    unknown); a message without `call.id` is 422.

    Args:
        x_vapi_secret (str | Unset):
        body (WebhookBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeWebhookAnswer | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_vapi_secret=x_vapi_secret,
        )
    ).parsed
