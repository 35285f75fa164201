from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import Response


def _get_kwargs(
    token: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/approval-links/{token}".format(
            token=quote(str(token), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 401:
        response_401 = response.text
        return response_401

    if response.status_code == 403:
        response_403 = response.text
        return response_403

    if response.status_code == 404:
        response_404 = response.text
        return response_404

    if response.status_code == 409:
        response_409 = response.text
        return response_409

    if response.status_code == 422:
        response_422 = response.text
        return response_422

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[str]:
    """Open an approval link

     Public: the link sent with an approval's request on a channel without buttons (email, SMS). The
    token seals the request sent to one contact, the decision and an expiry (401 `INVALID_LINK` when
    altered or made up, `LINK_EXPIRED`, `LINK_GONE`). Shows the question and a button that sends the
    answer (`POST`); opening the link decides nothing, so a mail scanner that follows links cannot
    answer.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[str]
    """

    kwargs = _get_kwargs(
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> str | None:
    """Open an approval link

     Public: the link sent with an approval's request on a channel without buttons (email, SMS). The
    token seals the request sent to one contact, the decision and an expiry (401 `INVALID_LINK` when
    altered or made up, `LINK_EXPIRED`, `LINK_GONE`). Shows the question and a button that sends the
    answer (`POST`); opening the link decides nothing, so a mail scanner that follows links cannot
    answer.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        str
    """

    return sync_detailed(
        token=token,
        client=client,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[str]:
    """Open an approval link

     Public: the link sent with an approval's request on a channel without buttons (email, SMS). The
    token seals the request sent to one contact, the decision and an expiry (401 `INVALID_LINK` when
    altered or made up, `LINK_EXPIRED`, `LINK_GONE`). Shows the question and a button that sends the
    answer (`POST`); opening the link decides nothing, so a mail scanner that follows links cannot
    answer.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[str]
    """

    kwargs = _get_kwargs(
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
) -> str | None:
    """Open an approval link

     Public: the link sent with an approval's request on a channel without buttons (email, SMS). The
    token seals the request sent to one contact, the decision and an expiry (401 `INVALID_LINK` when
    altered or made up, `LINK_EXPIRED`, `LINK_GONE`). Shows the question and a button that sends the
    answer (`POST`); opening the link decides nothing, so a mail scanner that follows links cannot
    answer.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        str
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
        )
    ).parsed
