from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_tool_draft_read import EnvelopeToolDraftRead
from ...models.error_body import ErrorBody
from ...models.tool_generate_body import ToolGenerateBody
from ...types import Response


def _get_kwargs(
    agent_id: str,
    *,
    body: ToolGenerateBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/tools/generate".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeToolDraftRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeToolDraftRead.from_dict(response.json())

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
) -> Response[EnvelopeToolDraftRead | ErrorBody]:
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
    body: ToolGenerateBody,
) -> Response[EnvelopeToolDraftRead | ErrorBody]:
    """Draft an HTTP tool from a description

     One call of the agent's model with a fixed prompt, answering a JSON definition. The draft is checked
    and returned, not saved: try it with `tools/dry-run`, save it with `tools/persist`. A model answer
    that is not a usable definition is 502 `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ToolGenerateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeToolDraftRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ToolGenerateBody,
) -> EnvelopeToolDraftRead | ErrorBody | None:
    """Draft an HTTP tool from a description

     One call of the agent's model with a fixed prompt, answering a JSON definition. The draft is checked
    and returned, not saved: try it with `tools/dry-run`, save it with `tools/persist`. A model answer
    that is not a usable definition is 502 `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ToolGenerateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeToolDraftRead | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ToolGenerateBody,
) -> Response[EnvelopeToolDraftRead | ErrorBody]:
    """Draft an HTTP tool from a description

     One call of the agent's model with a fixed prompt, answering a JSON definition. The draft is checked
    and returned, not saved: try it with `tools/dry-run`, save it with `tools/persist`. A model answer
    that is not a usable definition is 502 `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ToolGenerateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeToolDraftRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ToolGenerateBody,
) -> EnvelopeToolDraftRead | ErrorBody | None:
    """Draft an HTTP tool from a description

     One call of the agent's model with a fixed prompt, answering a JSON definition. The draft is checked
    and returned, not saved: try it with `tools/dry-run`, save it with `tools/persist`. A model answer
    that is not a usable definition is 502 `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ToolGenerateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeToolDraftRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            body=body,
        )
    ).parsed
