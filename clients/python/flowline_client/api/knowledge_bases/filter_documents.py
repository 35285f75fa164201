from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.knowledge_condition import KnowledgeCondition
from ...models.page_envelope_document_read import PageEnvelopeDocumentRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    kb_id: str,
    *,
    body: KnowledgeCondition,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/knowledge-bases/{kb_id}/documents/filter".format(
            kb_id=quote(str(kb_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | PageEnvelopeDocumentRead | None:
    if response.status_code == 200:
        response_200 = PageEnvelopeDocumentRead.from_dict(response.json())

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
) -> Response[ErrorBody | PageEnvelopeDocumentRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: KnowledgeCondition,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeDocumentRead]:
    """Filter documents by metadata

     `{key, op, value}` (`eq`, `ne`, `in`, `gt`, `lt`, `contains`) or `{and|or: [...]}`.

    Args:
        kb_id (str): `kb_…`
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        body (KnowledgeCondition): One metadata test; ``and``/``or`` nest conditions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeDocumentRead]
    """

    kwargs = _get_kwargs(
        kb_id=kb_id,
        body=body,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: KnowledgeCondition,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeDocumentRead | None:
    """Filter documents by metadata

     `{key, op, value}` (`eq`, `ne`, `in`, `gt`, `lt`, `contains`) or `{and|or: [...]}`.

    Args:
        kb_id (str): `kb_…`
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        body (KnowledgeCondition): One metadata test; ``and``/``or`` nest conditions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeDocumentRead
    """

    return sync_detailed(
        kb_id=kb_id,
        client=client,
        body=body,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: KnowledgeCondition,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> Response[ErrorBody | PageEnvelopeDocumentRead]:
    """Filter documents by metadata

     `{key, op, value}` (`eq`, `ne`, `in`, `gt`, `lt`, `contains`) or `{and|or: [...]}`.

    Args:
        kb_id (str): `kb_…`
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        body (KnowledgeCondition): One metadata test; ``and``/``or`` nest conditions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | PageEnvelopeDocumentRead]
    """

    kwargs = _get_kwargs(
        kb_id=kb_id,
        body=body,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    kb_id: str,
    *,
    client: AuthenticatedClient,
    body: KnowledgeCondition,
    page: int | Unset = 0,
    size: int | Unset = 25,
) -> ErrorBody | PageEnvelopeDocumentRead | None:
    """Filter documents by metadata

     `{key, op, value}` (`eq`, `ne`, `in`, `gt`, `lt`, `contains`) or `{and|or: [...]}`.

    Args:
        kb_id (str): `kb_…`
        page (int | Unset): Page number, counted from 0. Default: 0.
        size (int | Unset): Items per page (1 to 100). Default: 25.
        body (KnowledgeCondition): One metadata test; ``and``/``or`` nest conditions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | PageEnvelopeDocumentRead
    """

    return (
        await asyncio_detailed(
            kb_id=kb_id,
            client=client,
            body=body,
            page=page,
            size=size,
        )
    ).parsed
