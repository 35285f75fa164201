from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_attachment_read import EnvelopeAttachmentRead
from ...models.error_body import ErrorBody
from ...models.upload_file_body import UploadFileBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadFileBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/files",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeAttachmentRead | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopeAttachmentRead.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = ErrorBody.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnvelopeAttachmentRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadFileBody,
) -> Response[EnvelopeAttachmentRead | ErrorBody]:
    """Upload a file for batches

     CSV (a header row, then one record a row), JSON (an array of objects) or JSON Lines (an object a
    line), UTF-8, up to `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default), in a multipart part named `file`;
    the format is the `format` field, else the name's extension (`.csv`, `.json`, `.jsonl`, `.ndjson`).
    The file is streamed to storage, then read back to check every row and count them (at most
    1,000,000): a bad row is `422 INVALID_FILE` naming its line, and nothing is kept.

    Args:
        body (UploadFileBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAttachmentRead | ErrorBody]
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
    body: UploadFileBody,
) -> EnvelopeAttachmentRead | ErrorBody | None:
    """Upload a file for batches

     CSV (a header row, then one record a row), JSON (an array of objects) or JSON Lines (an object a
    line), UTF-8, up to `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default), in a multipart part named `file`;
    the format is the `format` field, else the name's extension (`.csv`, `.json`, `.jsonl`, `.ndjson`).
    The file is streamed to storage, then read back to check every row and count them (at most
    1,000,000): a bad row is `422 INVALID_FILE` naming its line, and nothing is kept.

    Args:
        body (UploadFileBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAttachmentRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadFileBody,
) -> Response[EnvelopeAttachmentRead | ErrorBody]:
    """Upload a file for batches

     CSV (a header row, then one record a row), JSON (an array of objects) or JSON Lines (an object a
    line), UTF-8, up to `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default), in a multipart part named `file`;
    the format is the `format` field, else the name's extension (`.csv`, `.json`, `.jsonl`, `.ndjson`).
    The file is streamed to storage, then read back to check every row and count them (at most
    1,000,000): a bad row is `422 INVALID_FILE` naming its line, and nothing is kept.

    Args:
        body (UploadFileBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAttachmentRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadFileBody,
) -> EnvelopeAttachmentRead | ErrorBody | None:
    """Upload a file for batches

     CSV (a header row, then one record a row), JSON (an array of objects) or JSON Lines (an object a
    line), UTF-8, up to `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default), in a multipart part named `file`;
    the format is the `format` field, else the name's extension (`.csv`, `.json`, `.jsonl`, `.ndjson`).
    The file is streamed to storage, then read back to check every row and count them (at most
    1,000,000): a bad row is `422 INVALID_FILE` naming its line, and nothing is kept.

    Args:
        body (UploadFileBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAttachmentRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
