from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.completion_request import CompletionRequest
from ...models.open_ai_error_body import OpenAIErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CompletionRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/chat/completions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | OpenAIErrorBody | None:
    if response.status_code == 200:
        response_200 = response.json()
        return response_200

    if response.status_code == 400:
        response_400 = OpenAIErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OpenAIErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = OpenAIErrorBody.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = OpenAIErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = OpenAIErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = OpenAIErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = OpenAIErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = OpenAIErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | OpenAIErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CompletionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | OpenAIErrorBody]:
    """Chat with an agent, OpenAI-style

     ``POST /v1/chat/completions``: any OpenAI client or chat UI talks to an agent.

    The request's ``model`` is the agent's id; its ``messages`` are the whole
    history, as OpenAI clients send it, so each request is a chat turn on a new
    conversation holding those messages (the turn is a run like any other:
    ``GET /api/v1/runs/{id}``, with the id in the answer's ``id``). The agent's
    configuration decides model, instructions and tools; ``temperature`` and the
    like in the request are ignored. ``stream: true`` answers
    ``chat.completion.chunk`` events and ``data: [DONE]``; with
    ``stream_options.include_usage`` the last chunk carries the usage. A turn that
    stops to wait for a person answers with a message saying so (and the approval
    or question ids); answer it through the Flowline API.

    ``Idempotency-Key`` works as on ``agents/{id}/chat`` (``agents/repeat.py``): a
    repeat of a turn that succeeded answers its completion again, with the same
    ``id`` (streamed: as chunks of the whole message at once); of a turn still
    running or waiting for a person, ``409``; of one that failed or was cancelled, a
    new turn.

    Args:
        idempotency_key (str | Unset):
        body (CompletionRequest): OpenAI's chat completion request; fields Flowline does not use
            are accepted and ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CompletionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | OpenAIErrorBody | None:
    """Chat with an agent, OpenAI-style

     ``POST /v1/chat/completions``: any OpenAI client or chat UI talks to an agent.

    The request's ``model`` is the agent's id; its ``messages`` are the whole
    history, as OpenAI clients send it, so each request is a chat turn on a new
    conversation holding those messages (the turn is a run like any other:
    ``GET /api/v1/runs/{id}``, with the id in the answer's ``id``). The agent's
    configuration decides model, instructions and tools; ``temperature`` and the
    like in the request are ignored. ``stream: true`` answers
    ``chat.completion.chunk`` events and ``data: [DONE]``; with
    ``stream_options.include_usage`` the last chunk carries the usage. A turn that
    stops to wait for a person answers with a message saying so (and the approval
    or question ids); answer it through the Flowline API.

    ``Idempotency-Key`` works as on ``agents/{id}/chat`` (``agents/repeat.py``): a
    repeat of a turn that succeeded answers its completion again, with the same
    ``id`` (streamed: as chunks of the whole message at once); of a turn still
    running or waiting for a person, ``409``; of one that failed or was cancelled, a
    new turn.

    Args:
        idempotency_key (str | Unset):
        body (CompletionRequest): OpenAI's chat completion request; fields Flowline does not use
            are accepted and ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OpenAIErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CompletionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | OpenAIErrorBody]:
    """Chat with an agent, OpenAI-style

     ``POST /v1/chat/completions``: any OpenAI client or chat UI talks to an agent.

    The request's ``model`` is the agent's id; its ``messages`` are the whole
    history, as OpenAI clients send it, so each request is a chat turn on a new
    conversation holding those messages (the turn is a run like any other:
    ``GET /api/v1/runs/{id}``, with the id in the answer's ``id``). The agent's
    configuration decides model, instructions and tools; ``temperature`` and the
    like in the request are ignored. ``stream: true`` answers
    ``chat.completion.chunk`` events and ``data: [DONE]``; with
    ``stream_options.include_usage`` the last chunk carries the usage. A turn that
    stops to wait for a person answers with a message saying so (and the approval
    or question ids); answer it through the Flowline API.

    ``Idempotency-Key`` works as on ``agents/{id}/chat`` (``agents/repeat.py``): a
    repeat of a turn that succeeded answers its completion again, with the same
    ``id`` (streamed: as chunks of the whole message at once); of a turn still
    running or waiting for a person, ``409``; of one that failed or was cancelled, a
    new turn.

    Args:
        idempotency_key (str | Unset):
        body (CompletionRequest): OpenAI's chat completion request; fields Flowline does not use
            are accepted and ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CompletionRequest,
    idempotency_key: str | Unset = UNSET,
) -> Any | OpenAIErrorBody | None:
    """Chat with an agent, OpenAI-style

     ``POST /v1/chat/completions``: any OpenAI client or chat UI talks to an agent.

    The request's ``model`` is the agent's id; its ``messages`` are the whole
    history, as OpenAI clients send it, so each request is a chat turn on a new
    conversation holding those messages (the turn is a run like any other:
    ``GET /api/v1/runs/{id}``, with the id in the answer's ``id``). The agent's
    configuration decides model, instructions and tools; ``temperature`` and the
    like in the request are ignored. ``stream: true`` answers
    ``chat.completion.chunk`` events and ``data: [DONE]``; with
    ``stream_options.include_usage`` the last chunk carries the usage. A turn that
    stops to wait for a person answers with a message saying so (and the approval
    or question ids); answer it through the Flowline API.

    ``Idempotency-Key`` works as on ``agents/{id}/chat`` (``agents/repeat.py``): a
    repeat of a turn that succeeded answers its completion again, with the same
    ``id`` (streamed: as chunks of the whole message at once); of a turn still
    running or waiting for a person, ``409``; of one that failed or was cancelled, a
    new turn.

    Args:
        idempotency_key (str | Unset):
        body (CompletionRequest): OpenAI's chat completion request; fields Flowline does not use
            are accepted and ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OpenAIErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
