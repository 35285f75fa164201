import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_agent_usage_read import EnvelopeAgentUsageRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    *,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["start_date"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["end_date"] = json_end_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/agents/{agent_id}/usage".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeAgentUsageRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeAgentUsageRead.from_dict(response.json())

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
) -> Response[EnvelopeAgentUsageRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> Response[EnvelopeAgentUsageRead | ErrorBody]:
    """An agent's daily spend

     What the agent's model calls cost (USD) per day, every day of the range present, newest first. Dates
    are `YYYY-MM-DD`, UTC. Without dates: the 7 days ending yesterday. `start_date` alone ends
    yesterday. Each of these answers 400: `end_date` without `start_date` (`INVALID_DATE_RANGE`), a bad
    format (`INVALID_DATE_FORMAT`), a date that does not exist (`INVALID_DATES`), `start_date` after
    `end_date` (`INVALID_DATE_RANGE`), `end_date` today or later (`INVALID_END_DATE`), more than 31 days
    (`DATE_RANGE_TOO_LARGE`). Needs `agents:read`.

    Args:
        agent_id (str):
        start_date (datetime.date | Unset): First day, `YYYY-MM-DD`.
        end_date (datetime.date | Unset): Last day, `YYYY-MM-DD`; needs `start_date`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAgentUsageRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        start_date=start_date,
        end_date=end_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> EnvelopeAgentUsageRead | ErrorBody | None:
    """An agent's daily spend

     What the agent's model calls cost (USD) per day, every day of the range present, newest first. Dates
    are `YYYY-MM-DD`, UTC. Without dates: the 7 days ending yesterday. `start_date` alone ends
    yesterday. Each of these answers 400: `end_date` without `start_date` (`INVALID_DATE_RANGE`), a bad
    format (`INVALID_DATE_FORMAT`), a date that does not exist (`INVALID_DATES`), `start_date` after
    `end_date` (`INVALID_DATE_RANGE`), `end_date` today or later (`INVALID_END_DATE`), more than 31 days
    (`DATE_RANGE_TOO_LARGE`). Needs `agents:read`.

    Args:
        agent_id (str):
        start_date (datetime.date | Unset): First day, `YYYY-MM-DD`.
        end_date (datetime.date | Unset): Last day, `YYYY-MM-DD`; needs `start_date`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAgentUsageRead | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        start_date=start_date,
        end_date=end_date,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> Response[EnvelopeAgentUsageRead | ErrorBody]:
    """An agent's daily spend

     What the agent's model calls cost (USD) per day, every day of the range present, newest first. Dates
    are `YYYY-MM-DD`, UTC. Without dates: the 7 days ending yesterday. `start_date` alone ends
    yesterday. Each of these answers 400: `end_date` without `start_date` (`INVALID_DATE_RANGE`), a bad
    format (`INVALID_DATE_FORMAT`), a date that does not exist (`INVALID_DATES`), `start_date` after
    `end_date` (`INVALID_DATE_RANGE`), `end_date` today or later (`INVALID_END_DATE`), more than 31 days
    (`DATE_RANGE_TOO_LARGE`). Needs `agents:read`.

    Args:
        agent_id (str):
        start_date (datetime.date | Unset): First day, `YYYY-MM-DD`.
        end_date (datetime.date | Unset): Last day, `YYYY-MM-DD`; needs `start_date`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeAgentUsageRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        start_date=start_date,
        end_date=end_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
) -> EnvelopeAgentUsageRead | ErrorBody | None:
    """An agent's daily spend

     What the agent's model calls cost (USD) per day, every day of the range present, newest first. Dates
    are `YYYY-MM-DD`, UTC. Without dates: the 7 days ending yesterday. `start_date` alone ends
    yesterday. Each of these answers 400: `end_date` without `start_date` (`INVALID_DATE_RANGE`), a bad
    format (`INVALID_DATE_FORMAT`), a date that does not exist (`INVALID_DATES`), `start_date` after
    `end_date` (`INVALID_DATE_RANGE`), `end_date` today or later (`INVALID_END_DATE`), more than 31 days
    (`DATE_RANGE_TOO_LARGE`). Needs `agents:read`.

    Args:
        agent_id (str):
        start_date (datetime.date | Unset): First day, `YYYY-MM-DD`.
        end_date (datetime.date | Unset): Last day, `YYYY-MM-DD`; needs `start_date`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeAgentUsageRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            start_date=start_date,
            end_date=end_date,
        )
    ).parsed
