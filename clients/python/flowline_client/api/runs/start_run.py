from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_runs_run_read import EnvelopeRunsRunRead
from ...models.error_body import ErrorBody
from ...models.run_create import RunCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    flow_id: str,
    *,
    body: RunCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/flows/{flow_id}/run".format(
            flow_id=quote(str(flow_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EnvelopeRunsRunRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 201:
        response_201 = EnvelopeRunsRunRead.from_dict(response.json())

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
) -> Response[Any | EnvelopeRunsRunRead | ErrorBody]:
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
    body: RunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | EnvelopeRunsRunRead | ErrorBody]:
    """Start a run

     Starts a run of the flow's current version with `input` (checked against the start node's
    `input_schema`: 422 naming each field). With `idempotency_key`, a repeat answers the first run (200)
    instead of starting another. With `wait_seconds`, the answer waits up to that long for the run to
    end and shows it as it is then (its `status` says whether it ended). A draft flow answers 409
    `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        idempotency_key (str | Unset):
        body (RunCreate): What starts a run of a flow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopeRunsRunRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Any | EnvelopeRunsRunRead | ErrorBody | None:
    """Start a run

     Starts a run of the flow's current version with `input` (checked against the start node's
    `input_schema`: 422 naming each field). With `idempotency_key`, a repeat answers the first run (200)
    instead of starting another. With `wait_seconds`, the answer waits up to that long for the run to
    end and shows it as it is then (its `status` says whether it ended). A draft flow answers 409
    `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        idempotency_key (str | Unset):
        body (RunCreate): What starts a run of a flow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopeRunsRunRead | ErrorBody
    """

    return sync_detailed(
        flow_id=flow_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any | EnvelopeRunsRunRead | ErrorBody]:
    """Start a run

     Starts a run of the flow's current version with `input` (checked against the start node's
    `input_schema`: 422 naming each field). With `idempotency_key`, a repeat answers the first run (200)
    instead of starting another. With `wait_seconds`, the answer waits up to that long for the run to
    end and shows it as it is then (its `status` says whether it ended). A draft flow answers 409
    `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        idempotency_key (str | Unset):
        body (RunCreate): What starts a run of a flow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopeRunsRunRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    flow_id: str,
    *,
    client: AuthenticatedClient,
    body: RunCreate,
    idempotency_key: str | Unset = UNSET,
) -> Any | EnvelopeRunsRunRead | ErrorBody | None:
    """Start a run

     Starts a run of the flow's current version with `input` (checked against the start node's
    `input_schema`: 422 naming each field). With `idempotency_key`, a repeat answers the first run (200)
    instead of starting another. With `wait_seconds`, the answer waits up to that long for the run to
    end and shows it as it is then (its `status` says whether it ended). A draft flow answers 409
    `FLOW_NOT_RUNNABLE`.

    Args:
        flow_id (str):
        idempotency_key (str | Unset):
        body (RunCreate): What starts a run of a flow.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopeRunsRunRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            flow_id=flow_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
