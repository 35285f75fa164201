from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelopelist_bulk_run_started import EnvelopelistBulkRunStarted
from ...models.error_body import ErrorBody
from ...models.runs_bulk_create import RunsBulkCreate
from ...types import Response


def _get_kwargs(
    flow_id: str,
    *,
    body: RunsBulkCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/flows/{flow_id}/runs/bulk".format(
            flow_id=quote(str(flow_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopelistBulkRunStarted | ErrorBody | None:
    if response.status_code == 201:
        response_201 = EnvelopelistBulkRunStarted.from_dict(response.json())

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
) -> Response[EnvelopelistBulkRunStarted | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunsBulkCreate,
) -> Response[EnvelopelistBulkRunStarted | ErrorBody]:
    """Start many runs

     Starts 1 to 1,000 runs of the flow's current version in one transaction: all or none. Each item has
    an `input` (checked against the start node's `input_schema`: 422 naming `runs[i].input…`, and
    nothing starts) and an optional `idempotency_key`: an item whose key an earlier run has answers that
    run (`created: false`) instead of starting another; keys must differ within a request (422). Answers
    one entry per item, in order. The runs are queued (trigger `api`); follow them with `GET
    /runs?flow_id=…` or their events. A draft flow answers 409 `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        body (RunsBulkCreate): Many runs of one flow, started in one transaction.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopelistBulkRunStarted | ErrorBody]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunsBulkCreate,
) -> EnvelopelistBulkRunStarted | ErrorBody | None:
    """Start many runs

     Starts 1 to 1,000 runs of the flow's current version in one transaction: all or none. Each item has
    an `input` (checked against the start node's `input_schema`: 422 naming `runs[i].input…`, and
    nothing starts) and an optional `idempotency_key`: an item whose key an earlier run has answers that
    run (`created: false`) instead of starting another; keys must differ within a request (422). Answers
    one entry per item, in order. The runs are queued (trigger `api`); follow them with `GET
    /runs?flow_id=…` or their events. A draft flow answers 409 `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        body (RunsBulkCreate): Many runs of one flow, started in one transaction.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopelistBulkRunStarted | ErrorBody
    """

    return sync_detailed(
        flow_id=flow_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunsBulkCreate,
) -> Response[EnvelopelistBulkRunStarted | ErrorBody]:
    """Start many runs

     Starts 1 to 1,000 runs of the flow's current version in one transaction: all or none. Each item has
    an `input` (checked against the start node's `input_schema`: 422 naming `runs[i].input…`, and
    nothing starts) and an optional `idempotency_key`: an item whose key an earlier run has answers that
    run (`created: false`) instead of starting another; keys must differ within a request (422). Answers
    one entry per item, in order. The runs are queued (trigger `api`); follow them with `GET
    /runs?flow_id=…` or their events. A draft flow answers 409 `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        body (RunsBulkCreate): Many runs of one flow, started in one transaction.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopelistBulkRunStarted | ErrorBody]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunsBulkCreate,
) -> EnvelopelistBulkRunStarted | ErrorBody | None:
    """Start many runs

     Starts 1 to 1,000 runs of the flow's current version in one transaction: all or none. Each item has
    an `input` (checked against the start node's `input_schema`: 422 naming `runs[i].input…`, and
    nothing starts) and an optional `idempotency_key`: an item whose key an earlier run has answers that
    run (`created: false`) instead of starting another; keys must differ within a request (422). Answers
    one entry per item, in order. The runs are queued (trigger `api`); follow them with `GET
    /runs?flow_id=…` or their events. A draft flow answers 409 `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        body (RunsBulkCreate): Many runs of one flow, started in one transaction.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopelistBulkRunStarted | ErrorBody
    """

    return (
        await asyncio_detailed(
            flow_id=flow_id,
            client=client,
            body=body,
        )
    ).parsed
