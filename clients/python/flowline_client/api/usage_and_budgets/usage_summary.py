from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_usage_summary import EnvelopeUsageSummary
from ...models.error_body import ErrorBody
from ...models.usage_summary_range import UsageSummaryRange
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    range_: UsageSummaryRange | Unset = UsageSummaryRange.VALUE_0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_range_: str | Unset = UNSET
    if not isinstance(range_, Unset):
        json_range_ = range_.value

    params["range"] = json_range_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/admin/usage/summary",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeUsageSummary | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeUsageSummary.from_dict(response.json())

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
) -> Response[EnvelopeUsageSummary | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    range_: UsageSummaryRange | Unset = UsageSummaryRange.VALUE_0,
) -> Response[EnvelopeUsageSummary | ErrorBody]:
    """Summarise the organisation's model usage

     Calls, tokens and cost over the last 7, 30 or 90 days (today included) or all time: in total, per
    agent, model and user (costliest first) and per day (every day, newest first). Needs `admin`.

    Args:
        range_ (UsageSummaryRange | Unset): `7d`, `30d`, `90d` or `all`. Default:
            UsageSummaryRange.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeUsageSummary | ErrorBody]
    """

    kwargs = _get_kwargs(
        range_=range_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    range_: UsageSummaryRange | Unset = UsageSummaryRange.VALUE_0,
) -> EnvelopeUsageSummary | ErrorBody | None:
    """Summarise the organisation's model usage

     Calls, tokens and cost over the last 7, 30 or 90 days (today included) or all time: in total, per
    agent, model and user (costliest first) and per day (every day, newest first). Needs `admin`.

    Args:
        range_ (UsageSummaryRange | Unset): `7d`, `30d`, `90d` or `all`. Default:
            UsageSummaryRange.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeUsageSummary | ErrorBody
    """

    return sync_detailed(
        client=client,
        range_=range_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    range_: UsageSummaryRange | Unset = UsageSummaryRange.VALUE_0,
) -> Response[EnvelopeUsageSummary | ErrorBody]:
    """Summarise the organisation's model usage

     Calls, tokens and cost over the last 7, 30 or 90 days (today included) or all time: in total, per
    agent, model and user (costliest first) and per day (every day, newest first). Needs `admin`.

    Args:
        range_ (UsageSummaryRange | Unset): `7d`, `30d`, `90d` or `all`. Default:
            UsageSummaryRange.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeUsageSummary | ErrorBody]
    """

    kwargs = _get_kwargs(
        range_=range_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    range_: UsageSummaryRange | Unset = UsageSummaryRange.VALUE_0,
) -> EnvelopeUsageSummary | ErrorBody | None:
    """Summarise the organisation's model usage

     Calls, tokens and cost over the last 7, 30 or 90 days (today included) or all time: in total, per
    agent, model and user (costliest first) and per day (every day, newest first). Needs `admin`.

    Args:
        range_ (UsageSummaryRange | Unset): `7d`, `30d`, `90d` or `all`. Default:
            UsageSummaryRange.VALUE_0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeUsageSummary | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            range_=range_,
        )
    ).parsed
