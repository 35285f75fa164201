from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_llm_format_read import EnvelopeLlmFormatRead
from ...models.error_body import ErrorBody
from ...models.llm_format_view import LlmFormatView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    conversation_id: str,
    *,
    view: LlmFormatView | Unset = LlmFormatView.MODEL,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_view: str | Unset = UNSET
    if not isinstance(view, Unset):
        json_view = view.value

    params["view"] = json_view

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/conversations/{conversation_id}/llm-format".format(
            conversation_id=quote(str(conversation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeLlmFormatRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeLlmFormatRead.from_dict(response.json())

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
) -> Response[EnvelopeLlmFormatRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    view: LlmFormatView | Unset = LlmFormatView.MODEL,
) -> Response[EnvelopeLlmFormatRead | ErrorBody]:
    """Export a conversation in LLM format

     OpenAI chat messages: the agent's instructions first (as `system`), then `user`, `assistant` (with
    `tool_calls` as `{id, type: function, function: {name, arguments}}`, arguments a JSON text) and
    `tool` (with `tool_call_id`). `view=model` (default) is what the model is sent: the latest
    compaction summary instead of what it covers; `view=full` is every message, summaries left out.
    Every value of the organisation's secrets is replaced with `***`.

    Args:
        conversation_id (str):
        view (LlmFormatView | Unset):  Default: LlmFormatView.MODEL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeLlmFormatRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        view=view,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    view: LlmFormatView | Unset = LlmFormatView.MODEL,
) -> EnvelopeLlmFormatRead | ErrorBody | None:
    """Export a conversation in LLM format

     OpenAI chat messages: the agent's instructions first (as `system`), then `user`, `assistant` (with
    `tool_calls` as `{id, type: function, function: {name, arguments}}`, arguments a JSON text) and
    `tool` (with `tool_call_id`). `view=model` (default) is what the model is sent: the latest
    compaction summary instead of what it covers; `view=full` is every message, summaries left out.
    Every value of the organisation's secrets is replaced with `***`.

    Args:
        conversation_id (str):
        view (LlmFormatView | Unset):  Default: LlmFormatView.MODEL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeLlmFormatRead | ErrorBody
    """

    return sync_detailed(
        conversation_id=conversation_id,
        client=client,
        view=view,
    ).parsed


async def asyncio_detailed(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    view: LlmFormatView | Unset = LlmFormatView.MODEL,
) -> Response[EnvelopeLlmFormatRead | ErrorBody]:
    """Export a conversation in LLM format

     OpenAI chat messages: the agent's instructions first (as `system`), then `user`, `assistant` (with
    `tool_calls` as `{id, type: function, function: {name, arguments}}`, arguments a JSON text) and
    `tool` (with `tool_call_id`). `view=model` (default) is what the model is sent: the latest
    compaction summary instead of what it covers; `view=full` is every message, summaries left out.
    Every value of the organisation's secrets is replaced with `***`.

    Args:
        conversation_id (str):
        view (LlmFormatView | Unset):  Default: LlmFormatView.MODEL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeLlmFormatRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        conversation_id=conversation_id,
        view=view,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    conversation_id: str,
    *,
    client: AuthenticatedClient,
    view: LlmFormatView | Unset = LlmFormatView.MODEL,
) -> EnvelopeLlmFormatRead | ErrorBody | None:
    """Export a conversation in LLM format

     OpenAI chat messages: the agent's instructions first (as `system`), then `user`, `assistant` (with
    `tool_calls` as `{id, type: function, function: {name, arguments}}`, arguments a JSON text) and
    `tool` (with `tool_call_id`). `view=model` (default) is what the model is sent: the latest
    compaction summary instead of what it covers; `view=full` is every message, summaries left out.
    Every value of the organisation's secrets is replaced with `***`.

    Args:
        conversation_id (str):
        view (LlmFormatView | Unset):  Default: LlmFormatView.MODEL.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeLlmFormatRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            conversation_id=conversation_id,
            client=client,
            view=view,
        )
    ).parsed
