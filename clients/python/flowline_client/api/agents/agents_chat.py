from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agents_chat_body import AgentsChatBody
from ...models.envelope_chat_result import EnvelopeChatResult
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    *,
    body: AgentsChatBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/chat".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EnvelopeChatResult | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeChatResult.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = cast(Any, None)
        return response_202

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
) -> Response[Any | EnvelopeChatResult | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentsChatBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | EnvelopeChatResult | ErrorBody]:
    """Chat with an agent

     `messages` is a string, one `{role, content}` object or a list of them. `thread_id` continues a
    conversation (unknown: 404); without it one is created and its id returned. The turn is a run
    (`run_id`): the model answers, calls the agent's tools (several at once), sees the results and
    answers again, up to `max_steps` model calls. A second chat on a thread whose turn has not ended
    answers 409 `CONVERSATION_BUSY`. With `stream: true` or `Accept: text/event-stream` the answer is
    SSE: `run.started`, `message.delta`, `tool_call.started`, `tool_call.completed`,
    `approval.requested`, `question.asked`, `message.completed`, `run.completed` or `error`, each with
    `id:` its `seq` (resume with `GET /runs/{run_id}/events` and `Last-Event-ID`); `: ping` every 15 s.
    A tool call that needs a person makes the turn wait: the sync answer is then `202` with the
    approvals and questions asked, a stream goes on when they are answered. With `callback_url` the
    answer is `202` at once and the result is POSTed, signed, to the URL. With `Idempotency-Key` a
    repeat starts no second turn: it is answered from the first (header `Idempotent-Replayed: true`): a
    stream replays the turn's events from the first, a `callback_url` request gets the same `202`, a
    sync one the answer once the turn has succeeded (409 while it runs or waits); a turn that failed or
    was cancelled runs again.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (AgentsChatBody): ``messages`` may be a string, one message object, or a list of
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopeChatResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentsChatBody,
    idempotency_key: str | Unset = UNSET,
) -> Any | EnvelopeChatResult | ErrorBody | None:
    """Chat with an agent

     `messages` is a string, one `{role, content}` object or a list of them. `thread_id` continues a
    conversation (unknown: 404); without it one is created and its id returned. The turn is a run
    (`run_id`): the model answers, calls the agent's tools (several at once), sees the results and
    answers again, up to `max_steps` model calls. A second chat on a thread whose turn has not ended
    answers 409 `CONVERSATION_BUSY`. With `stream: true` or `Accept: text/event-stream` the answer is
    SSE: `run.started`, `message.delta`, `tool_call.started`, `tool_call.completed`,
    `approval.requested`, `question.asked`, `message.completed`, `run.completed` or `error`, each with
    `id:` its `seq` (resume with `GET /runs/{run_id}/events` and `Last-Event-ID`); `: ping` every 15 s.
    A tool call that needs a person makes the turn wait: the sync answer is then `202` with the
    approvals and questions asked, a stream goes on when they are answered. With `callback_url` the
    answer is `202` at once and the result is POSTed, signed, to the URL. With `Idempotency-Key` a
    repeat starts no second turn: it is answered from the first (header `Idempotent-Replayed: true`): a
    stream replays the turn's events from the first, a `callback_url` request gets the same `202`, a
    sync one the answer once the turn has succeeded (409 while it runs or waits); a turn that failed or
    was cancelled runs again.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (AgentsChatBody): ``messages`` may be a string, one message object, or a list of
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopeChatResult | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentsChatBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | EnvelopeChatResult | ErrorBody]:
    """Chat with an agent

     `messages` is a string, one `{role, content}` object or a list of them. `thread_id` continues a
    conversation (unknown: 404); without it one is created and its id returned. The turn is a run
    (`run_id`): the model answers, calls the agent's tools (several at once), sees the results and
    answers again, up to `max_steps` model calls. A second chat on a thread whose turn has not ended
    answers 409 `CONVERSATION_BUSY`. With `stream: true` or `Accept: text/event-stream` the answer is
    SSE: `run.started`, `message.delta`, `tool_call.started`, `tool_call.completed`,
    `approval.requested`, `question.asked`, `message.completed`, `run.completed` or `error`, each with
    `id:` its `seq` (resume with `GET /runs/{run_id}/events` and `Last-Event-ID`); `: ping` every 15 s.
    A tool call that needs a person makes the turn wait: the sync answer is then `202` with the
    approvals and questions asked, a stream goes on when they are answered. With `callback_url` the
    answer is `202` at once and the result is POSTed, signed, to the URL. With `Idempotency-Key` a
    repeat starts no second turn: it is answered from the first (header `Idempotent-Replayed: true`): a
    stream replays the turn's events from the first, a `callback_url` request gets the same `202`, a
    sync one the answer once the turn has succeeded (409 while it runs or waits); a turn that failed or
    was cancelled runs again.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (AgentsChatBody): ``messages`` may be a string, one message object, or a list of
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopeChatResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentsChatBody,
    idempotency_key: str | Unset = UNSET,
) -> Any | EnvelopeChatResult | ErrorBody | None:
    """Chat with an agent

     `messages` is a string, one `{role, content}` object or a list of them. `thread_id` continues a
    conversation (unknown: 404); without it one is created and its id returned. The turn is a run
    (`run_id`): the model answers, calls the agent's tools (several at once), sees the results and
    answers again, up to `max_steps` model calls. A second chat on a thread whose turn has not ended
    answers 409 `CONVERSATION_BUSY`. With `stream: true` or `Accept: text/event-stream` the answer is
    SSE: `run.started`, `message.delta`, `tool_call.started`, `tool_call.completed`,
    `approval.requested`, `question.asked`, `message.completed`, `run.completed` or `error`, each with
    `id:` its `seq` (resume with `GET /runs/{run_id}/events` and `Last-Event-ID`); `: ping` every 15 s.
    A tool call that needs a person makes the turn wait: the sync answer is then `202` with the
    approvals and questions asked, a stream goes on when they are answered. With `callback_url` the
    answer is `202` at once and the result is POSTed, signed, to the URL. With `Idempotency-Key` a
    repeat starts no second turn: it is answered from the first (header `Idempotent-Replayed: true`): a
    stream replays the turn's events from the first, a `callback_url` request gets the same `202`, a
    sync one the answer once the turn has succeeded (409 while it runs or waits); a turn that failed or
    was cancelled runs again.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (AgentsChatBody): ``messages`` may be a string, one message object, or a list of
            them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopeChatResult | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
