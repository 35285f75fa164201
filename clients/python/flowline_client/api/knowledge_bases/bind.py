from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_knowledge_base_read import EnvelopeKnowledgeBaseRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    agent_id: str,
    kb_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/knowledge-bases/{kb_id}".format(
            agent_id=quote(str(agent_id), safe=""),
            kb_id=quote(str(kb_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeKnowledgeBaseRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeKnowledgeBaseRead.from_dict(response.json())

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
) -> Response[EnvelopeKnowledgeBaseRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    kb_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeKnowledgeBaseRead | ErrorBody]:
    """Bind a knowledge base to an agent

     Its `knowledge_search` tool and `capability/retrieve` search it from now on.

    Args:
        agent_id (str):
        kb_id (str): `kb_…`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeKnowledgeBaseRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        kb_id=kb_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    kb_id: str,
    *,
    client: AuthenticatedClient,
) -> EnvelopeKnowledgeBaseRead | ErrorBody | None:
    """Bind a knowledge base to an agent

     Its `knowledge_search` tool and `capability/retrieve` search it from now on.

    Args:
        agent_id (str):
        kb_id (str): `kb_…`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeKnowledgeBaseRead | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        kb_id=kb_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    kb_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeKnowledgeBaseRead | ErrorBody]:
    """Bind a knowledge base to an agent

     Its `knowledge_search` tool and `capability/retrieve` search it from now on.

    Args:
        agent_id (str):
        kb_id (str): `kb_…`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeKnowledgeBaseRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        kb_id=kb_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    kb_id: str,
    *,
    client: AuthenticatedClient,
) -> EnvelopeKnowledgeBaseRead | ErrorBody | None:
    """Bind a knowledge base to an agent

     Its `knowledge_search` tool and `capability/retrieve` search it from now on.

    Args:
        agent_id (str):
        kb_id (str): `kb_…`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeKnowledgeBaseRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            kb_id=kb_id,
            client=client,
        )
    ).parsed
