from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_preview_result import EnvelopePreviewResult
from ...models.error_body import ErrorBody
from ...models.preview_files_body import PreviewFilesBody
from ...models.preview_json_preview_body import PreviewJsonPreviewBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PreviewJsonPreviewBody | PreviewFilesBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/knowledge-bases/preview",
    }

    if isinstance(body, PreviewJsonPreviewBody):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, PreviewFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopePreviewResult | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopePreviewResult.from_dict(response.json())

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
) -> Response[EnvelopePreviewResult | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PreviewJsonPreviewBody | PreviewFilesBody | Unset = UNSET,
) -> Response[EnvelopePreviewResult | ErrorBody]:
    """Preview chunking

     The chunks a text (JSON) or one uploaded file (multipart, with `chunk_size` and `chunk_overlap`)
    would make; nothing is stored. With `Accept: text/event-stream` (for a long file) the answer is
    server-sent events as the work goes: `status` (`{stage: extracting|splitting}`), one `chunk` per
    chunk (`{seq, text, tokens}`), then `done` (`{chunks, total_tokens}`), or `error` (`{error,
    message}`) when the file cannot be read. Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON
    (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (PreviewJsonPreviewBody):
        body (PreviewFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopePreviewResult | ErrorBody]
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
    body: PreviewJsonPreviewBody | PreviewFilesBody | Unset = UNSET,
) -> EnvelopePreviewResult | ErrorBody | None:
    """Preview chunking

     The chunks a text (JSON) or one uploaded file (multipart, with `chunk_size` and `chunk_overlap`)
    would make; nothing is stored. With `Accept: text/event-stream` (for a long file) the answer is
    server-sent events as the work goes: `status` (`{stage: extracting|splitting}`), one `chunk` per
    chunk (`{seq, text, tokens}`), then `done` (`{chunks, total_tokens}`), or `error` (`{error,
    message}`) when the file cannot be read. Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON
    (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (PreviewJsonPreviewBody):
        body (PreviewFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopePreviewResult | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PreviewJsonPreviewBody | PreviewFilesBody | Unset = UNSET,
) -> Response[EnvelopePreviewResult | ErrorBody]:
    """Preview chunking

     The chunks a text (JSON) or one uploaded file (multipart, with `chunk_size` and `chunk_overlap`)
    would make; nothing is stored. With `Accept: text/event-stream` (for a long file) the answer is
    server-sent events as the work goes: `status` (`{stage: extracting|splitting}`), one `chunk` per
    chunk (`{seq, text, tokens}`), then `done` (`{chunks, total_tokens}`), or `error` (`{error,
    message}`) when the file cannot be read. Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON
    (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (PreviewJsonPreviewBody):
        body (PreviewFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopePreviewResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PreviewJsonPreviewBody | PreviewFilesBody | Unset = UNSET,
) -> EnvelopePreviewResult | ErrorBody | None:
    """Preview chunking

     The chunks a text (JSON) or one uploaded file (multipart, with `chunk_size` and `chunk_overlap`)
    would make; nothing is stored. With `Accept: text/event-stream` (for a long file) the answer is
    server-sent events as the work goes: `status` (`{stage: extracting|splitting}`), one `chunk` per
    chunk (`{seq, text, tokens}`), then `done` (`{chunks, total_tokens}`), or `error` (`{error,
    message}`) when the file cannot be read. Files may be text, Markdown, HTML, PDF, DOCX, CSV or JSON
    (else 422 `DOCUMENT_UNREADABLE`).

    Args:
        body (PreviewJsonPreviewBody):
        body (PreviewFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopePreviewResult | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
