from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compress_body import CompressBody
from ...models.envelope_compression_read import EnvelopeCompressionRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    conversation_id: str,
    *,
    body: CompressBody | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/conversations/{conversation_id}/compress".format(
            agent_id=quote(str(agent_id), safe=""),
            conversation_id=quote(str(conversation_id), safe=""),
        ),
    }

    if isinstance(body, CompressBody):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeCompressionRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeCompressionRead.from_dict(response.json())

        return response_200

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
) -> Response[EnvelopeCompressionRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: CompressBody | None | Unset = UNSET,
) -> Response[EnvelopeCompressionRead | ErrorBody]:
    """Compact an agent's conversation

     Summarises, with the conversation's agent's model, every message the model still sees except the
    `keep_recent` newest (default 6) into one `system` message of kind `summary`. The older messages
    stay in the conversation but the model is sent the summary instead. An assistant message is never
    separated from its tool results. `compacted: false` when there is too little to summarise. 409
    `CONVERSATION_BUSY` while a chat turn runs; chats wait for it the same way. The conversation must be
    the agent's (else 404).

    Args:
        agent_id (str):
        conversation_id (str):
        body (CompressBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeCompressionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        conversation_id=conversation_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: CompressBody | None | Unset = UNSET,
) -> EnvelopeCompressionRead | ErrorBody | None:
    """Compact an agent's conversation

     Summarises, with the conversation's agent's model, every message the model still sees except the
    `keep_recent` newest (default 6) into one `system` message of kind `summary`. The older messages
    stay in the conversation but the model is sent the summary instead. An assistant message is never
    separated from its tool results. `compacted: false` when there is too little to summarise. 409
    `CONVERSATION_BUSY` while a chat turn runs; chats wait for it the same way. The conversation must be
    the agent's (else 404).

    Args:
        agent_id (str):
        conversation_id (str):
        body (CompressBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeCompressionRead | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        conversation_id=conversation_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: CompressBody | None | Unset = UNSET,
) -> Response[EnvelopeCompressionRead | ErrorBody]:
    """Compact an agent's conversation

     Summarises, with the conversation's agent's model, every message the model still sees except the
    `keep_recent` newest (default 6) into one `system` message of kind `summary`. The older messages
    stay in the conversation but the model is sent the summary instead. An assistant message is never
    separated from its tool results. `compacted: false` when there is too little to summarise. 409
    `CONVERSATION_BUSY` while a chat turn runs; chats wait for it the same way. The conversation must be
    the agent's (else 404).

    Args:
        agent_id (str):
        conversation_id (str):
        body (CompressBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeCompressionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        conversation_id=conversation_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    body: CompressBody | None | Unset = UNSET,
) -> EnvelopeCompressionRead | ErrorBody | None:
    """Compact an agent's conversation

     Summarises, with the conversation's agent's model, every message the model still sees except the
    `keep_recent` newest (default 6) into one `system` message of kind `summary`. The older messages
    stay in the conversation but the model is sent the summary instead. An assistant message is never
    separated from its tool results. `compacted: false` when there is too little to summarise. 409
    `CONVERSATION_BUSY` while a chat turn runs; chats wait for it the same way. The conversation must be
    the agent's (else 404).

    Args:
        agent_id (str):
        conversation_id (str):
        body (CompressBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeCompressionRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            conversation_id=conversation_id,
            client=client,
            body=body,
        )
    ).parsed
