from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_union_message_read_none_type import EnvelopeUnionMessageReadNoneType
from ...models.error_body import ErrorBody
from ...models.sandbox_person import SandboxPerson
from ...types import Response


def _get_kwargs(
    channel_id: str,
    *,
    body: SandboxPerson,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/channels/{channel_id}/sandbox/messages".format(
            channel_id=quote(str(channel_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeUnionMessageReadNoneType | ErrorBody | None:
    if response.status_code == 202:
        response_202 = EnvelopeUnionMessageReadNoneType.from_dict(response.json())

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
) -> Response[EnvelopeUnionMessageReadNoneType | ErrorBody]:
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
    body: SandboxPerson,
) -> Response[EnvelopeUnionMessageReadNoneType | ErrorBody]:
    """Write to a sandbox channel as a person

     Only for `sandbox` channels (else 409 `NOT_A_SANDBOX`): the message goes through the inbound path
    (stored once per `id`, opt-out keywords, routing to a waiting run or `on_message`) without a
    signature. Answers the stored message; a repeated `id` answers 200 with `data: null`.

    Args:
        channel_id (str):
        body (SandboxPerson): What ``POST channels/{id}/sandbox/messages`` takes: a person's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeUnionMessageReadNoneType | ErrorBody]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    body: SandboxPerson,
) -> EnvelopeUnionMessageReadNoneType | ErrorBody | None:
    """Write to a sandbox channel as a person

     Only for `sandbox` channels (else 409 `NOT_A_SANDBOX`): the message goes through the inbound path
    (stored once per `id`, opt-out keywords, routing to a waiting run or `on_message`) without a
    signature. Answers the stored message; a repeated `id` answers 200 with `data: null`.

    Args:
        channel_id (str):
        body (SandboxPerson): What ``POST channels/{id}/sandbox/messages`` takes: a person's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeUnionMessageReadNoneType | ErrorBody
    """

    return sync_detailed(
        channel_id=channel_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    body: SandboxPerson,
) -> Response[EnvelopeUnionMessageReadNoneType | ErrorBody]:
    """Write to a sandbox channel as a person

     Only for `sandbox` channels (else 409 `NOT_A_SANDBOX`): the message goes through the inbound path
    (stored once per `id`, opt-out keywords, routing to a waiting run or `on_message`) without a
    signature. Answers the stored message; a repeated `id` answers 200 with `data: null`.

    Args:
        channel_id (str):
        body (SandboxPerson): What ``POST channels/{id}/sandbox/messages`` takes: a person's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeUnionMessageReadNoneType | ErrorBody]
    """

    kwargs = _get_kwargs(
        channel_id=channel_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    channel_id: str,
    *,
    client: AuthenticatedClient,
    body: SandboxPerson,
) -> EnvelopeUnionMessageReadNoneType | ErrorBody | None:
    """Write to a sandbox channel as a person

     Only for `sandbox` channels (else 409 `NOT_A_SANDBOX`): the message goes through the inbound path
    (stored once per `id`, opt-out keywords, routing to a waiting run or `on_message`) without a
    signature. Answers the stored message; a repeated `id` answers 200 with `data: null`.

    Args:
        channel_id (str):
        body (SandboxPerson): What ``POST channels/{id}/sandbox/messages`` takes: a person's
            message.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeUnionMessageReadNoneType | ErrorBody
    """

    return (
        await asyncio_detailed(
            channel_id=channel_id,
            client=client,
            body=body,
        )
    ).parsed
