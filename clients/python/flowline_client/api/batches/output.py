from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.output_format import OutputFormat
from ...models.page_envelope_result_read import PageEnvelopeResultRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    batch_id: str,
    *,
    format_: OutputFormat | Unset = OutputFormat.JSON,
    page: int | Unset = 0,
    size: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/batches/{batch_id}/output".format(
            batch_id=quote(str(batch_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeResultRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeResultRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeResultRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    format_: OutputFormat | Unset = OutputFormat.JSON,
    page: int | Unset = 0,
    size: int | Unset = 100,
) -> Response[ErrorBody | PageEnvelopeResultRead]:
    """Read a batch's output

     The rows done so far, by row, a page at a time (`page` from 0, `size` up to 1000). `format=json`
    (default): the usual page envelope; `jsonl`: one result a line; `csv`: columns
    `row,status,attempts,output,error` (output and error as JSON). The latter two give the total in
    `X-Total-Count`.

    Args:
        batch_id (str): `bat_…`.
        format_ (OutputFormat | Unset):  Default: OutputFormat.JSON.
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeResultRead]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        format_=format_,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    format_: OutputFormat | Unset = OutputFormat.JSON,
    page: int | Unset = 0,
    size: int | Unset = 100,
) -> ErrorBody | PageEnvelopeResultRead | None:
    """Read a batch's output

     The rows done so far, by row, a page at a time (`page` from 0, `size` up to 1000). `format=json`
    (default): the usual page envelope; `jsonl`: one result a line; `csv`: columns
    `row,status,attempts,output,error` (output and error as JSON). The latter two give the total in
    `X-Total-Count`.

    Args:
        batch_id (str): `bat_…`.
        format_ (OutputFormat | Unset):  Default: OutputFormat.JSON.
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeResultRead
    """

    return sync_detailed(
        batch_id=batch_id,
        client=client,
        format_=format_,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    format_: OutputFormat | Unset = OutputFormat.JSON,
    page: int | Unset = 0,
    size: int | Unset = 100,
) -> Response[ErrorBody | PageEnvelopeResultRead]:
    """Read a batch's output

     The rows done so far, by row, a page at a time (`page` from 0, `size` up to 1000). `format=json`
    (default): the usual page envelope; `jsonl`: one result a line; `csv`: columns
    `row,status,attempts,output,error` (output and error as JSON). The latter two give the total in
    `X-Total-Count`.

    Args:
        batch_id (str): `bat_…`.
        format_ (OutputFormat | Unset):  Default: OutputFormat.JSON.
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeResultRead]
    """

    kwargs = _get_kwargs(
        batch_id=batch_id,
        format_=format_,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batch_id: str,
    *,
    client: AuthenticatedClient,
    format_: OutputFormat | Unset = OutputFormat.JSON,
    page: int | Unset = 0,
    size: int | Unset = 100,
) -> ErrorBody | PageEnvelopeResultRead | None:
    """Read a batch's output

     The rows done so far, by row, a page at a time (`page` from 0, `size` up to 1000). `format=json`
    (default): the usual page envelope; `jsonl`: one result a line; `csv`: columns
    `row,status,attempts,output,error` (output and error as JSON). The latter two give the total in
    `X-Total-Count`.

    Args:
        batch_id (str): `bat_…`.
        format_ (OutputFormat | Unset):  Default: OutputFormat.JSON.
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeResultRead
    """

    return (
        await asyncio_detailed(
            batch_id=batch_id,
            client=client,
            format_=format_,
            page=page,
            size=size,
        )
    ).parsed
