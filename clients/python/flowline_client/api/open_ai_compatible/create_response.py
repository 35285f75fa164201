from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_ai_error_body import OpenAIErrorBody
from ...models.response_create import ResponseCreate
from ...types import Response


def _get_kwargs(
    *,
    body: ResponseCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/responses",
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
    body: ResponseCreate,
) -> Response[Any | OpenAIErrorBody]:
    """Create a response: a chat turn with an agent

     A response is one chat turn with the agent named by `model` (its id), recorded as a
    run like every turn (`GET /api/v1/runs/{id}`). `input` is the user's text or a list of
    message items (`role` `user`, `system`, `developer` or `assistant`; `content` a string or
    `input_text` parts), with at least one user message. `instructions` are added to the
    agent's own for this turn. `previous_response_id` continues the conversation that stored
    response is a turn of (same agent; unknown: 404): the agent sees every earlier turn.
    The agent's configuration decides the model, tools and temperature: `tools`,
    `temperature` and the like are accepted and ignored.

    `store: false` keeps no response record: the answer's `id` cannot be retrieved, streamed
    again or continued. The turn itself is still a run of a new conversation, as every turn
    is (delete that conversation to remove it). `metadata`: up to 16 string pairs, returned
    with the response.

    The answer: `output` holds `message` items (`output_text` parts) and, for each tool the
    agent called on the server, an `mcp_call` item (`server_label: "flowline"`, `name`,
    `arguments`, `output`); `usage` counts the turn's tokens. A tool call that needs a
    person's approval ends the answer with `status: "incomplete"`, an `mcp_approval_request`
    item whose `id` is the approval's, and `incomplete_details` `{"reason":
    "approval_required", "approvals": [{"approval_id", "tool", "arguments"}], "questions"}`;
    once `POST /api/v1/approvals/{id}/respond` answers it the turn goes on, and `GET
    /v1/responses/{id}` shows it completed. A second response on a conversation whose turn
    has not ended answers 409.

    `stream: true` answers Server-Sent Events of OpenAI's types, each with `sequence_number`
    (from 0) as its `id:`: `response.created`, `response.in_progress`,
    `response.output_item.added`, `response.content_part.added`, `response.output_text.delta`,
    `response.output_text.done`, `response.content_part.done`, `response.output_item.done`,
    then `response.completed`, or `response.incomplete` (waiting for a person), or `error`
    and `response.failed`. `GET /v1/responses/{id}?stream=true&starting_after=N` resumes it.

    Args:
        body (ResponseCreate): OpenAI's Responses request; fields Flowline does not use
            (``tools``,
            ``temperature``, ``reasoning``, …) are accepted and ignored: the agent's configuration
            decides them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
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
    body: ResponseCreate,
) -> Any | OpenAIErrorBody | None:
    """Create a response: a chat turn with an agent

     A response is one chat turn with the agent named by `model` (its id), recorded as a
    run like every turn (`GET /api/v1/runs/{id}`). `input` is the user's text or a list of
    message items (`role` `user`, `system`, `developer` or `assistant`; `content` a string or
    `input_text` parts), with at least one user message. `instructions` are added to the
    agent's own for this turn. `previous_response_id` continues the conversation that stored
    response is a turn of (same agent; unknown: 404): the agent sees every earlier turn.
    The agent's configuration decides the model, tools and temperature: `tools`,
    `temperature` and the like are accepted and ignored.

    `store: false` keeps no response record: the answer's `id` cannot be retrieved, streamed
    again or continued. The turn itself is still a run of a new conversation, as every turn
    is (delete that conversation to remove it). `metadata`: up to 16 string pairs, returned
    with the response.

    The answer: `output` holds `message` items (`output_text` parts) and, for each tool the
    agent called on the server, an `mcp_call` item (`server_label: "flowline"`, `name`,
    `arguments`, `output`); `usage` counts the turn's tokens. A tool call that needs a
    person's approval ends the answer with `status: "incomplete"`, an `mcp_approval_request`
    item whose `id` is the approval's, and `incomplete_details` `{"reason":
    "approval_required", "approvals": [{"approval_id", "tool", "arguments"}], "questions"}`;
    once `POST /api/v1/approvals/{id}/respond` answers it the turn goes on, and `GET
    /v1/responses/{id}` shows it completed. A second response on a conversation whose turn
    has not ended answers 409.

    `stream: true` answers Server-Sent Events of OpenAI's types, each with `sequence_number`
    (from 0) as its `id:`: `response.created`, `response.in_progress`,
    `response.output_item.added`, `response.content_part.added`, `response.output_text.delta`,
    `response.output_text.done`, `response.content_part.done`, `response.output_item.done`,
    then `response.completed`, or `response.incomplete` (waiting for a person), or `error`
    and `response.failed`. `GET /v1/responses/{id}?stream=true&starting_after=N` resumes it.

    Args:
        body (ResponseCreate): OpenAI's Responses request; fields Flowline does not use
            (``tools``,
            ``temperature``, ``reasoning``, …) are accepted and ignored: the agent's configuration
            decides them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | OpenAIErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ResponseCreate,
) -> Response[Any | OpenAIErrorBody]:
    """Create a response: a chat turn with an agent

     A response is one chat turn with the agent named by `model` (its id), recorded as a
    run like every turn (`GET /api/v1/runs/{id}`). `input` is the user's text or a list of
    message items (`role` `user`, `system`, `developer` or `assistant`; `content` a string or
    `input_text` parts), with at least one user message. `instructions` are added to the
    agent's own for this turn. `previous_response_id` continues the conversation that stored
    response is a turn of (same agent; unknown: 404): the agent sees every earlier turn.
    The agent's configuration decides the model, tools and temperature: `tools`,
    `temperature` and the like are accepted and ignored.

    `store: false` keeps no response record: the answer's `id` cannot be retrieved, streamed
    again or continued. The turn itself is still a run of a new conversation, as every turn
    is (delete that conversation to remove it). `metadata`: up to 16 string pairs, returned
    with the response.

    The answer: `output` holds `message` items (`output_text` parts) and, for each tool the
    agent called on the server, an `mcp_call` item (`server_label: "flowline"`, `name`,
    `arguments`, `output`); `usage` counts the turn's tokens. A tool call that needs a
    person's approval ends the answer with `status: "incomplete"`, an `mcp_approval_request`
    item whose `id` is the approval's, and `incomplete_details` `{"reason":
    "approval_required", "approvals": [{"approval_id", "tool", "arguments"}], "questions"}`;
    once `POST /api/v1/approvals/{id}/respond` answers it the turn goes on, and `GET
    /v1/responses/{id}` shows it completed. A second response on a conversation whose turn
    has not ended answers 409.

    `stream: true` answers Server-Sent Events of OpenAI's types, each with `sequence_number`
    (from 0) as its `id:`: `response.created`, `response.in_progress`,
    `response.output_item.added`, `response.content_part.added`, `response.output_text.delta`,
    `response.output_text.done`, `response.content_part.done`, `response.output_item.done`,
    then `response.completed`, or `response.incomplete` (waiting for a person), or `error`
    and `response.failed`. `GET /v1/responses/{id}?stream=true&starting_after=N` resumes it.

    Args:
        body (ResponseCreate): OpenAI's Responses request; fields Flowline does not use
            (``tools``,
            ``temperature``, ``reasoning``, …) are accepted and ignored: the agent's configuration
            decides them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ResponseCreate,
) -> Any | OpenAIErrorBody | None:
    """Create a response: a chat turn with an agent

     A response is one chat turn with the agent named by `model` (its id), recorded as a
    run like every turn (`GET /api/v1/runs/{id}`). `input` is the user's text or a list of
    message items (`role` `user`, `system`, `developer` or `assistant`; `content` a string or
    `input_text` parts), with at least one user message. `instructions` are added to the
    agent's own for this turn. `previous_response_id` continues the conversation that stored
    response is a turn of (same agent; unknown: 404): the agent sees every earlier turn.
    The agent's configuration decides the model, tools and temperature: `tools`,
    `temperature` and the like are accepted and ignored.

    `store: false` keeps no response record: the answer's `id` cannot be retrieved, streamed
    again or continued. The turn itself is still a run of a new conversation, as every turn
    is (delete that conversation to remove it). `metadata`: up to 16 string pairs, returned
    with the response.

    The answer: `output` holds `message` items (`output_text` parts) and, for each tool the
    agent called on the server, an `mcp_call` item (`server_label: "flowline"`, `name`,
    `arguments`, `output`); `usage` counts the turn's tokens. A tool call that needs a
    person's approval ends the answer with `status: "incomplete"`, an `mcp_approval_request`
    item whose `id` is the approval's, and `incomplete_details` `{"reason":
    "approval_required", "approvals": [{"approval_id", "tool", "arguments"}], "questions"}`;
    once `POST /api/v1/approvals/{id}/respond` answers it the turn goes on, and `GET
    /v1/responses/{id}` shows it completed. A second response on a conversation whose turn
    has not ended answers 409.

    `stream: true` answers Server-Sent Events of OpenAI's types, each with `sequence_number`
    (from 0) as its `id:`: `response.created`, `response.in_progress`,
    `response.output_item.added`, `response.content_part.added`, `response.output_text.delta`,
    `response.output_text.done`, `response.content_part.done`, `response.output_item.done`,
    then `response.completed`, or `response.incomplete` (waiting for a person), or `error`
    and `response.failed`. `GET /v1/responses/{id}?stream=true&starting_after=N` resumes it.

    Args:
        body (ResponseCreate): OpenAI's Responses request; fields Flowline does not use
            (``tools``,
            ``temperature``, ``reasoning``, …) are accepted and ignored: the agent's configuration
            decides them.

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
        )
    ).parsed
