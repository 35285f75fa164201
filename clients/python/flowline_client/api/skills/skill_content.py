from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    name: str,
    *,
    path: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["path"] = path

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/skills/{name}/content".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorBody | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorBody | File]:
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
    path: str | Unset = UNSET,
) -> Response[ErrorBody | File]:
    """Get a skill's file or a support file

     Without `path`, the skill's Markdown file as written. With `path` (relative, `/` between folders), a
    file beside a folder skill's `SKILL.md`; a path with `..`, an absolute one or a backslash is 422,
    one that leads out of the folder 404.

    Args:
        name (str):
        path (str | Unset): A support file's path.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | File]
    """

    kwargs = _get_kwargs(
        name=name,
        path=path,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
    path: str | Unset = UNSET,
) -> ErrorBody | File | None:
    """Get a skill's file or a support file

     Without `path`, the skill's Markdown file as written. With `path` (relative, `/` between folders), a
    file beside a folder skill's `SKILL.md`; a path with `..`, an absolute one or a backslash is 422,
    one that leads out of the folder 404.

    Args:
        name (str):
        path (str | Unset): A support file's path.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | File
    """

    return sync_detailed(
        name=name,
        client=client,
        path=path,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
    path: str | Unset = UNSET,
) -> Response[ErrorBody | File]:
    """Get a skill's file or a support file

     Without `path`, the skill's Markdown file as written. With `path` (relative, `/` between folders), a
    file beside a folder skill's `SKILL.md`; a path with `..`, an absolute one or a backslash is 422,
    one that leads out of the folder 404.

    Args:
        name (str):
        path (str | Unset): A support file's path.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | File]
    """

    kwargs = _get_kwargs(
        name=name,
        path=path,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
    path: str | Unset = UNSET,
) -> ErrorBody | File | None:
    """Get a skill's file or a support file

     Without `path`, the skill's Markdown file as written. With `path` (relative, `/` between folders), a
    file beside a folder skill's `SKILL.md`; a path with `..`, an absolute one or a backslash is 422,
    one that leads out of the folder 404.

    Args:
        name (str):
        path (str | Unset): A support file's path.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | File
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            path=path,
        )
    ).parsed
