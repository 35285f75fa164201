from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.add_documents_files_body import AddDocumentsFilesBody
from ...models.add_documents_json_document_add import AddDocumentsJsonDocumentAdd
from ...models.envelopelist_document_added import EnvelopelistDocumentAdded
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    kb_id: str,
    *,
    body: AddDocumentsJsonDocumentAdd | AddDocumentsFilesBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/knowledge-bases/{kb_id}/documents".format(
            kb_id=quote(str(kb_id), safe=""),
        ),
    }

    if isinstance(body, AddDocumentsJsonDocumentAdd):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AddDocumentsFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopelistDocumentAdded | ErrorBody | None:
    if response.status_code == 202:
        response_202 = EnvelopelistDocumentAdded.from_dict(response.json())

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
) -> Response[EnvelopelistDocumentAdded | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: AddDocumentsJsonDocumentAdd | AddDocumentsFilesBody | Unset = UNSET,
) -> Response[EnvelopelistDocumentAdded | ErrorBody]:
    """Add documents

     Files (multipart `files`, with `metadata` as a JSON object for each), or JSON `{text, name?,
    content_type?, metadata?}` or `{url, name?, metadata?}`. Each is stored `queued` and indexed by the
    engine; content (or a URL) the KB already holds comes back with `duplicate: true` and adds nothing.
    Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        kb_id (str): `kb_…`
        body (AddDocumentsJsonDocumentAdd): One document by JSON: ``text`` (with a ``name``) or a
            ``url`` to fetch.
        body (AddDocumentsFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopelistDocumentAdded | ErrorBody]
    """

    kwargs = _get_kwargs(
        kb_id=kb_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: AddDocumentsJsonDocumentAdd | AddDocumentsFilesBody | Unset = UNSET,
) -> EnvelopelistDocumentAdded | ErrorBody | None:
    """Add documents

     Files (multipart `files`, with `metadata` as a JSON object for each), or JSON `{text, name?,
    content_type?, metadata?}` or `{url, name?, metadata?}`. Each is stored `queued` and indexed by the
    engine; content (or a URL) the KB already holds comes back with `duplicate: true` and adds nothing.
    Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        kb_id (str): `kb_…`
        body (AddDocumentsJsonDocumentAdd): One document by JSON: ``text`` (with a ``name``) or a
            ``url`` to fetch.
        body (AddDocumentsFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopelistDocumentAdded | ErrorBody
    """

    return sync_detailed(
        kb_id=kb_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: AddDocumentsJsonDocumentAdd | AddDocumentsFilesBody | Unset = UNSET,
) -> Response[EnvelopelistDocumentAdded | ErrorBody]:
    """Add documents

     Files (multipart `files`, with `metadata` as a JSON object for each), or JSON `{text, name?,
    content_type?, metadata?}` or `{url, name?, metadata?}`. Each is stored `queued` and indexed by the
    engine; content (or a URL) the KB already holds comes back with `duplicate: true` and adds nothing.
    Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        kb_id (str): `kb_…`
        body (AddDocumentsJsonDocumentAdd): One document by JSON: ``text`` (with a ``name``) or a
            ``url`` to fetch.
        body (AddDocumentsFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopelistDocumentAdded | ErrorBody]
    """

    kwargs = _get_kwargs(
        kb_id=kb_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: AddDocumentsJsonDocumentAdd | AddDocumentsFilesBody | Unset = UNSET,
) -> EnvelopelistDocumentAdded | ErrorBody | None:
    """Add documents

     Files (multipart `files`, with `metadata` as a JSON object for each), or JSON `{text, name?,
    content_type?, metadata?}` or `{url, name?, metadata?}`. Each is stored `queued` and indexed by the
    engine; content (or a URL) the KB already holds comes back with `duplicate: true` and adds nothing.
    Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        kb_id (str): `kb_…`
        body (AddDocumentsJsonDocumentAdd): One document by JSON: ``text`` (with a ``name``) or a
            ``url`` to fetch.
        body (AddDocumentsFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopelistDocumentAdded | ErrorBody
    """

    return (
        await asyncio_detailed(
            kb_id=kb_id,
            client=client,
            body=body,
        )
    ).parsed
