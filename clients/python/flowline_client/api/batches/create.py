from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_create import BatchCreate
from ...models.envelope_batch_read import EnvelopeBatchRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: BatchCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/batches",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeBatchRead | ErrorBody | None:
    if response.status_code == 202:
        response_202 = EnvelopeBatchRead.from_dict(response.json())

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
) -> Response[EnvelopeBatchRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchCreate,
) -> Response[EnvelopeBatchRead | ErrorBody]:
    """Submit a batch

     Applies `operation` (a completion kind with its `params`; the input is the row, or its
    `input_field`) to every row of `file_id`, durably on the engine: `concurrency` rows at a time, a
    failed row tried up to `max_attempts` times (not a refused budget, `402`, nor a bad input). Each row
    is a model call charged as usage. A restarted or killed worker resumes the batch without redoing
    rows already done. `402` when nothing may be spent now; rows refused later fail with that error.

    Args:
        body (BatchCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeBatchRead | ErrorBody]
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
    body: BatchCreate,
) -> EnvelopeBatchRead | ErrorBody | None:
    """Submit a batch

     Applies `operation` (a completion kind with its `params`; the input is the row, or its
    `input_field`) to every row of `file_id`, durably on the engine: `concurrency` rows at a time, a
    failed row tried up to `max_attempts` times (not a refused budget, `402`, nor a bad input). Each row
    is a model call charged as usage. A restarted or killed worker resumes the batch without redoing
    rows already done. `402` when nothing may be spent now; rows refused later fail with that error.

    Args:
        body (BatchCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeBatchRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchCreate,
) -> Response[EnvelopeBatchRead | ErrorBody]:
    """Submit a batch

     Applies `operation` (a completion kind with its `params`; the input is the row, or its
    `input_field`) to every row of `file_id`, durably on the engine: `concurrency` rows at a time, a
    failed row tried up to `max_attempts` times (not a refused budget, `402`, nor a bad input). Each row
    is a model call charged as usage. A restarted or killed worker resumes the batch without redoing
    rows already done. `402` when nothing may be spent now; rows refused later fail with that error.

    Args:
        body (BatchCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeBatchRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BatchCreate,
) -> EnvelopeBatchRead | ErrorBody | None:
    """Submit a batch

     Applies `operation` (a completion kind with its `params`; the input is the row, or its
    `input_field`) to every row of `file_id`, durably on the engine: `concurrency` rows at a time, a
    failed row tried up to `max_attempts` times (not a refused budget, `402`, nor a bad input). Each row
    is a model call charged as usage. A restarted or killed worker resumes the batch without redoing
    rows already done. `402` when nothing may be spent now; rows refused later fail with that error.

    Args:
        body (BatchCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeBatchRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
