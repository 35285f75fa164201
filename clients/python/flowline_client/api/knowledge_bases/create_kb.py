from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_kb_files_body import CreateKbFilesBody
from ...models.create_kb_json_knowledge_base_create import CreateKbJsonKnowledgeBaseCreate
from ...models.envelope_knowledge_base_read import EnvelopeKnowledgeBaseRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateKbJsonKnowledgeBaseCreate | CreateKbFilesBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/knowledge-bases",
    }

    if isinstance(body, CreateKbJsonKnowledgeBaseCreate):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, CreateKbFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeKnowledgeBaseRead | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopeKnowledgeBaseRead.from_dict(response.json())

        return response_201

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
    *,
    client: AuthenticatedClient,
    body: CreateKbJsonKnowledgeBaseCreate | CreateKbFilesBody | Unset = UNSET,
) -> Response[EnvelopeKnowledgeBaseRead | ErrorBody]:
    """Create a knowledge base (from uploaded files)

     JSON (no documents yet) or `multipart/form-data` with `files` (up to 20) and the other fields as
    form values. Each file becomes a document `queued` for indexing. Files may be text, Markdown, HTML,
    PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (CreateKbJsonKnowledgeBaseCreate):
        body (CreateKbFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeKnowledgeBaseRead | ErrorBody]
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
    body: CreateKbJsonKnowledgeBaseCreate | CreateKbFilesBody | Unset = UNSET,
) -> EnvelopeKnowledgeBaseRead | ErrorBody | None:
    """Create a knowledge base (from uploaded files)

     JSON (no documents yet) or `multipart/form-data` with `files` (up to 20) and the other fields as
    form values. Each file becomes a document `queued` for indexing. Files may be text, Markdown, HTML,
    PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (CreateKbJsonKnowledgeBaseCreate):
        body (CreateKbFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeKnowledgeBaseRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateKbJsonKnowledgeBaseCreate | CreateKbFilesBody | Unset = UNSET,
) -> Response[EnvelopeKnowledgeBaseRead | ErrorBody]:
    """Create a knowledge base (from uploaded files)

     JSON (no documents yet) or `multipart/form-data` with `files` (up to 20) and the other fields as
    form values. Each file becomes a document `queued` for indexing. Files may be text, Markdown, HTML,
    PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (CreateKbJsonKnowledgeBaseCreate):
        body (CreateKbFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeKnowledgeBaseRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateKbJsonKnowledgeBaseCreate | CreateKbFilesBody | Unset = UNSET,
) -> EnvelopeKnowledgeBaseRead | ErrorBody | None:
    """Create a knowledge base (from uploaded files)

     JSON (no documents yet) or `multipart/form-data` with `files` (up to 20) and the other fields as
    form values. Each file becomes a document `queued` for indexing. Files may be text, Markdown, HTML,
    PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (CreateKbJsonKnowledgeBaseCreate):
        body (CreateKbFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeKnowledgeBaseRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
