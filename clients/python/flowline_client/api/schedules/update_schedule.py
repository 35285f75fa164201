from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_schedule_read import EnvelopeScheduleRead
from ...models.error_body import ErrorBody
from ...models.schedule_update import ScheduleUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schedule_id: str,
    *,
    body: ScheduleUpdate,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/schedules/{schedule_id}".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeScheduleRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeScheduleRead.from_dict(response.json())

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
) -> Response[EnvelopeScheduleRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    schedule_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeScheduleRead | ErrorBody]:
    """Change a schedule

     Changes the fields given; omitted ones keep their value. A new `cron` or `timezone`, or enabling the
    schedule, counts the next firing from now (firings missed while it was disabled are not made). With
    `If-Match` or `expected_version`, only when the schedule is at that version (else 409).

    Args:
        schedule_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ScheduleUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeScheduleRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    if_match: str | Unset = UNSET,
) -> EnvelopeScheduleRead | ErrorBody | None:
    """Change a schedule

     Changes the fields given; omitted ones keep their value. A new `cron` or `timezone`, or enabling the
    schedule, counts the next firing from now (firings missed while it was disabled are not made). With
    `If-Match` or `expected_version`, only when the schedule is at that version (else 409).

    Args:
        schedule_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ScheduleUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeScheduleRead | ErrorBody
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    schedule_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeScheduleRead | ErrorBody]:
    """Change a schedule

     Changes the fields given; omitted ones keep their value. A new `cron` or `timezone`, or enabling the
    schedule, counts the next firing from now (firings missed while it was disabled are not made). With
    `If-Match` or `expected_version`, only when the schedule is at that version (else 409).

    Args:
        schedule_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ScheduleUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeScheduleRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: str,
    *,
    client: AuthenticatedClient,
    body: ScheduleUpdate,
    if_match: str | Unset = UNSET,
) -> EnvelopeScheduleRead | ErrorBody | None:
    """Change a schedule

     Changes the fields given; omitted ones keep their value. A new `cron` or `timezone`, or enabling the
    schedule, counts the next firing from now (firings missed while it was disabled are not made). With
    `If-Match` or `expected_version`, only when the schedule is at that version (else 409).

    Args:
        schedule_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ScheduleUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeScheduleRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
