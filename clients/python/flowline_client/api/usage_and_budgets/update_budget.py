from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.budget_update import BudgetUpdate
from ...models.envelope_budget_read import EnvelopeBudgetRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BudgetUpdate,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/admin/budget",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeBudgetRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeBudgetRead.from_dict(response.json())

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
) -> Response[EnvelopeBudgetRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BudgetUpdate,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeBudgetRead | ErrorBody]:
    """Set the organisation's credits and monthly budget

     Fields left out keep their value; `monthly_limit_usd: null` removes the budget, `credits_usd: null`
    makes the organisation unmetered; `add_credits_usd` grants credits in place. `If-Match` /
    `expected_version`: 409 on mismatch. Needs `admin`.

    Args:
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BudgetUpdate): Fields left out keep their value; `null` clears the budget, or makes
            credits
            unmetered.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeBudgetRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BudgetUpdate,
    if_match: str | Unset = UNSET,
) -> EnvelopeBudgetRead | ErrorBody | None:
    """Set the organisation's credits and monthly budget

     Fields left out keep their value; `monthly_limit_usd: null` removes the budget, `credits_usd: null`
    makes the organisation unmetered; `add_credits_usd` grants credits in place. `If-Match` /
    `expected_version`: 409 on mismatch. Needs `admin`.

    Args:
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BudgetUpdate): Fields left out keep their value; `null` clears the budget, or makes
            credits
            unmetered.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeBudgetRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BudgetUpdate,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeBudgetRead | ErrorBody]:
    """Set the organisation's credits and monthly budget

     Fields left out keep their value; `monthly_limit_usd: null` removes the budget, `credits_usd: null`
    makes the organisation unmetered; `add_credits_usd` grants credits in place. `If-Match` /
    `expected_version`: 409 on mismatch. Needs `admin`.

    Args:
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BudgetUpdate): Fields left out keep their value; `null` clears the budget, or makes
            credits
            unmetered.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeBudgetRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BudgetUpdate,
    if_match: str | Unset = UNSET,
) -> EnvelopeBudgetRead | ErrorBody | None:
    """Set the organisation's credits and monthly budget

     Fields left out keep their value; `monthly_limit_usd: null` removes the budget, `credits_usd: null`
    makes the organisation unmetered; `add_credits_usd` grants credits in place. `If-Match` /
    `expected_version`: 409 on mismatch. Needs `admin`.

    Args:
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BudgetUpdate): Fields left out keep their value; `null` clears the budget, or makes
            credits
            unmetered.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeBudgetRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
