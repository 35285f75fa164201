from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_flow_version_read import EnvelopeFlowVersionRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    flow_id: str,
    number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/flows/{flow_id}/versions/{number}".format(
            flow_id=quote(str(flow_id), safe=""),
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeFlowVersionRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeFlowVersionRead.from_dict(response.json())

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
) -> Response[EnvelopeFlowVersionRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    flow_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeFlowVersionRead | ErrorBody]:
    """Get one version of a flow

    Args:
        flow_id (str):
        number (int): 1 for the first version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeFlowVersionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    flow_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> EnvelopeFlowVersionRead | ErrorBody | None:
    """Get one version of a flow

    Args:
        flow_id (str):
        number (int): 1 for the first version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeFlowVersionRead | ErrorBody
    """

    return sync_detailed(
        flow_id=flow_id,
        number=number,
        client=client,
    ).parsed


async def asyncio_detailed(
    flow_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> Response[EnvelopeFlowVersionRead | ErrorBody]:
    """Get one version of a flow

    Args:
        flow_id (str):
        number (int): 1 for the first version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeFlowVersionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        flow_id=flow_id,
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    flow_id: str,
    number: int,
    *,
    client: AuthenticatedClient,
) -> EnvelopeFlowVersionRead | ErrorBody | None:
    """Get one version of a flow

    Args:
        flow_id (str):
        number (int): 1 for the first version.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeFlowVersionRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            flow_id=flow_id,
            number=number,
            client=client,
        )
    ).parsed
