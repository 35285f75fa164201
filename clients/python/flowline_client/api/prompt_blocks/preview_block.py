from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_preview_read import EnvelopePreviewRead
from ...models.error_body import ErrorBody
from ...models.preview_body import PreviewBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    body: None | PreviewBody | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/prompt-blocks/{name}/preview".format(
            name=quote(str(name), safe=""),
        ),
    }

    if isinstance(body, PreviewBody):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopePreviewRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopePreviewRead.from_dict(response.json())

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
) -> Response[EnvelopePreviewRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: None | PreviewBody | Unset = UNSET,
) -> Response[EnvelopePreviewRead | ErrorBody]:
    """Preview a prompt block

     Renders the block (a dynamic one from its fresh cache, else now; `refresh: true` renders anew) and
    wraps it as the model sees it (`<name>…</name>`), with its token count. A failed render answers
    `error` (and the last good text, if any).

    Args:
        name (str): The name.
        body (None | PreviewBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopePreviewRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    body: None | PreviewBody | Unset = UNSET,
) -> EnvelopePreviewRead | ErrorBody | None:
    """Preview a prompt block

     Renders the block (a dynamic one from its fresh cache, else now; `refresh: true` renders anew) and
    wraps it as the model sees it (`<name>…</name>`), with its token count. A failed render answers
    `error` (and the last good text, if any).

    Args:
        name (str): The name.
        body (None | PreviewBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopePreviewRead | ErrorBody
    """

    return sync_detailed(
        name=name,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    body: None | PreviewBody | Unset = UNSET,
) -> Response[EnvelopePreviewRead | ErrorBody]:
    """Preview a prompt block

     Renders the block (a dynamic one from its fresh cache, else now; `refresh: true` renders anew) and
    wraps it as the model sees it (`<name>…</name>`), with its token count. A failed render answers
    `error` (and the last good text, if any).

    Args:
        name (str): The name.
        body (None | PreviewBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopePreviewRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    body: None | PreviewBody | Unset = UNSET,
) -> EnvelopePreviewRead | ErrorBody | None:
    """Preview a prompt block

     Renders the block (a dynamic one from its fresh cache, else now; `refresh: true` renders anew) and
    wraps it as the model sees it (`<name>…</name>`), with its token count. A failed render answers
    `error` (and the last good text, if any).

    Args:
        name (str): The name.
        body (None | PreviewBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopePreviewRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            body=body,
        )
    ).parsed
