from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_attachment_read import EnvelopeAttachmentRead
from ...models.error_body import ErrorBody
from ...models.upload_body import UploadBody
from ...types import Response


def _get_kwargs(
    *,
    body: UploadBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/attachments",
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
    body: UploadBody,
) -> Response[EnvelopeAttachmentRead | ErrorBody]:
    """Upload an attachment

     A `multipart/form-data` body with the file in a part named `file`. The file streams to storage as it
    arrives (never whole in memory); larger than `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default) is `413`
    and nothing is kept. The content type is sniffed from the bytes (a known signature; else UTF-8 text
    typed by its name's extension, or `text/plain`; else `application/octet-stream`), never taken from
    the client. The file goes to the configured storage (`FLOWLINE_STORAGE`).

    Args:
        body (UploadBody):

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
    body: UploadBody,
) -> EnvelopeAttachmentRead | ErrorBody | None:
    """Upload an attachment

     A `multipart/form-data` body with the file in a part named `file`. The file streams to storage as it
    arrives (never whole in memory); larger than `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default) is `413`
    and nothing is kept. The content type is sniffed from the bytes (a known signature; else UTF-8 text
    typed by its name's extension, or `text/plain`; else `application/octet-stream`), never taken from
    the client. The file goes to the configured storage (`FLOWLINE_STORAGE`).

    Args:
        body (UploadBody):

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
    body: UploadBody,
) -> Response[EnvelopeAttachmentRead | ErrorBody]:
    """Upload an attachment

     A `multipart/form-data` body with the file in a part named `file`. The file streams to storage as it
    arrives (never whole in memory); larger than `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default) is `413`
    and nothing is kept. The content type is sniffed from the bytes (a known signature; else UTF-8 text
    typed by its name's extension, or `text/plain`; else `application/octet-stream`), never taken from
    the client. The file goes to the configured storage (`FLOWLINE_STORAGE`).

    Args:
        body (UploadBody):

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
    body: UploadBody,
) -> EnvelopeAttachmentRead | ErrorBody | None:
    """Upload an attachment

     A `multipart/form-data` body with the file in a part named `file`. The file streams to storage as it
    arrives (never whole in memory); larger than `FLOWLINE_UPLOAD_MAX_MB` (100 MiB by default) is `413`
    and nothing is kept. The content type is sniffed from the bytes (a known signature; else UTF-8 text
    typed by its name's extension, or `text/plain`; else `application/octet-stream`), never taken from
    the client. The file goes to the configured storage (`FLOWLINE_STORAGE`).

    Args:
        body (UploadBody):

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
