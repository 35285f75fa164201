from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_task_read import EnvelopeTaskRead
from ...models.error_body import ErrorBody
from ...models.scheduled_task_set import ScheduledTaskSet
from ...types import Response


def _get_kwargs(
    artifact_id: str,
    *,
    body: ScheduledTaskSet,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/artifacts/{artifact_id}/scheduled-task".format(
            artifact_id=quote(str(artifact_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeTaskRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeTaskRead.from_dict(response.json())

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
) -> Response[EnvelopeTaskRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    artifact_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduledTaskSet,
) -> Response[EnvelopeTaskRead | ErrorBody]:
    """Create or update the artifact's scheduled agent task

     A task (`/tasks`) giving `agent_id` the prompt (default: the artifact's title and text) on `cron` in
    `timezone`; a second call updates it. Needs `schedules:write`.

    Args:
        artifact_id (str):
        body (ScheduledTaskSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTaskRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        artifact_id=artifact_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    artifact_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduledTaskSet,
) -> EnvelopeTaskRead | ErrorBody | None:
    """Create or update the artifact's scheduled agent task

     A task (`/tasks`) giving `agent_id` the prompt (default: the artifact's title and text) on `cron` in
    `timezone`; a second call updates it. Needs `schedules:write`.

    Args:
        artifact_id (str):
        body (ScheduledTaskSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTaskRead | ErrorBody
    """

    return sync_detailed(
        artifact_id=artifact_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    artifact_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduledTaskSet,
) -> Response[EnvelopeTaskRead | ErrorBody]:
    """Create or update the artifact's scheduled agent task

     A task (`/tasks`) giving `agent_id` the prompt (default: the artifact's title and text) on `cron` in
    `timezone`; a second call updates it. Needs `schedules:write`.

    Args:
        artifact_id (str):
        body (ScheduledTaskSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeTaskRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        artifact_id=artifact_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    artifact_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduledTaskSet,
) -> EnvelopeTaskRead | ErrorBody | None:
    """Create or update the artifact's scheduled agent task

     A task (`/tasks`) giving `agent_id` the prompt (default: the artifact's title and text) on `cron` in
    `timezone`; a second call updates it. Needs `schedules:write`.

    Args:
        artifact_id (str):
        body (ScheduledTaskSet):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeTaskRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            artifact_id=artifact_id,
            client=client,
            body=body,
        )
    ).parsed
