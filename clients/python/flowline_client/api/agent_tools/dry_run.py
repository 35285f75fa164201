from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_tool_run_result import EnvelopeToolRunResult
from ...models.error_body import ErrorBody
from ...models.tool_dry_run_body import ToolDryRunBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    *,
    body: ToolDryRunBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/tools/dry-run".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeToolRunResult | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeToolRunResult.from_dict(response.json())

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
) -> Response[EnvelopeToolRunResult | ErrorBody]:
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
    body: ToolDryRunBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeToolRunResult | ErrorBody]:
    """Try a draft tool without saving it

     `{tool: definition, arguments, confirmed?}`: the draft is checked as at creation and run once with
    the arguments (422 naming a field that does not fit). A call that needs approval (an HTTP write, by
    default) runs only with `confirmed: true`, else 409 `CONFIRMATION_REQUIRED`. A failed call answers
    200 with `error` set.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (ToolDryRunBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeToolRunResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ToolDryRunBody,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeToolRunResult | ErrorBody | None:
    """Try a draft tool without saving it

     `{tool: definition, arguments, confirmed?}`: the draft is checked as at creation and run once with
    the arguments (422 naming a field that does not fit). A call that needs approval (an HTTP write, by
    default) runs only with `confirmed: true`, else 409 `CONFIRMATION_REQUIRED`. A failed call answers
    200 with `error` set.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (ToolDryRunBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeToolRunResult | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ToolDryRunBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeToolRunResult | ErrorBody]:
    """Try a draft tool without saving it

     `{tool: definition, arguments, confirmed?}`: the draft is checked as at creation and run once with
    the arguments (422 naming a field that does not fit). A call that needs approval (an HTTP write, by
    default) runs only with `confirmed: true`, else 409 `CONFIRMATION_REQUIRED`. A failed call answers
    200 with `error` set.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (ToolDryRunBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeToolRunResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ToolDryRunBody,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeToolRunResult | ErrorBody | None:
    """Try a draft tool without saving it

     `{tool: definition, arguments, confirmed?}`: the draft is checked as at creation and run once with
    the arguments (422 naming a field that does not fit). A call that needs approval (an HTTP write, by
    default) runs only with `confirmed: true`, else 409 `CONFIRMATION_REQUIRED`. A failed call answers
    200 with `error` set.

    Args:
        agent_id (str):
        idempotency_key (str | Unset):
        body (ToolDryRunBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeToolRunResult | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
