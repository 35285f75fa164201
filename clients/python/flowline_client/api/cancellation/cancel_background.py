from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_batches_cancelled import EnvelopeBatchesCancelled
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    task_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/cancel/background-task/{task_id}".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeBatchesCancelled | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeBatchesCancelled.from_dict(response.json())

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
) -> Response[EnvelopeBatchesCancelled | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeBatchesCancelled | ErrorBody]:
    """Cancel a background task

     Stops background work by its id: a batch (`bat_…`, as `POST /batches/{id}/cancel`), a knowledge
    document's ingestion (`doc_…`, which ends `failed` with `CANCELLED`, its chunks not written) or a
    flow run (`run_…`, as `POST /runs/{id}/cancel`). Another organisation's, unknown or another kind of
    id: `404`; work already ended: `409`.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeBatchesCancelled | ErrorBody]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> EnvelopeBatchesCancelled | ErrorBody | None:
    """Cancel a background task

     Stops background work by its id: a batch (`bat_…`, as `POST /batches/{id}/cancel`), a knowledge
    document's ingestion (`doc_…`, which ends `failed` with `CANCELLED`, its chunks not written) or a
    flow run (`run_…`, as `POST /runs/{id}/cancel`). Another organisation's, unknown or another kind of
    id: `404`; work already ended: `409`.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeBatchesCancelled | ErrorBody
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeBatchesCancelled | ErrorBody]:
    """Cancel a background task

     Stops background work by its id: a batch (`bat_…`, as `POST /batches/{id}/cancel`), a knowledge
    document's ingestion (`doc_…`, which ends `failed` with `CANCELLED`, its chunks not written) or a
    flow run (`run_…`, as `POST /runs/{id}/cancel`). Another organisation's, unknown or another kind of
    id: `404`; work already ended: `409`.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeBatchesCancelled | ErrorBody]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient,
) -> EnvelopeBatchesCancelled | ErrorBody | None:
    """Cancel a background task

     Stops background work by its id: a batch (`bat_…`, as `POST /batches/{id}/cancel`), a knowledge
    document's ingestion (`doc_…`, which ends `failed` with `CANCELLED`, its chunks not written) or a
    flow run (`run_…`, as `POST /runs/{id}/cancel`). Another organisation's, unknown or another kind of
    id: `404`; work already ended: `409`.

    Args:
        task_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeBatchesCancelled | ErrorBody
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
        )
    ).parsed
