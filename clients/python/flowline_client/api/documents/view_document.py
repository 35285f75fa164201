from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_document_view import EnvelopeDocumentView
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: str,
    max_chars: int | Unset = 200000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["id"] = id

    params["max_chars"] = max_chars

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/documents/viewer",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeDocumentView | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeDocumentView.from_dict(response.json())

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
) -> Response[EnvelopeDocumentView | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    id: str,
    max_chars: int | Unset = 200000,
) -> Response[EnvelopeDocumentView | ErrorBody]:
    """Fetch parsed text for an attachment or KB document

     The text the knowledge base's parsers extract from the file (PDF, DOCX, HTML, CSV, JSON, text), so a
    person reads what an agent searched. An attachment (`att_…`) needs `runs:read`, a knowledge document
    (`doc_…`) `knowledge:read`; files over 25 MiB are `422 DOCUMENT_TOO_LARGE`, a file that is not what
    its type says `422 DOCUMENT_UNREADABLE`.

    Args:
        id (str): An attachment's `att_…` id or a knowledge document's `doc_…` id.
        max_chars (int | Unset): Longest text to answer. Default: 200000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeDocumentView | ErrorBody]
    """

    kwargs = _get_kwargs(
        id=id,
        max_chars=max_chars,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    id: str,
    max_chars: int | Unset = 200000,
) -> EnvelopeDocumentView | ErrorBody | None:
    """Fetch parsed text for an attachment or KB document

     The text the knowledge base's parsers extract from the file (PDF, DOCX, HTML, CSV, JSON, text), so a
    person reads what an agent searched. An attachment (`att_…`) needs `runs:read`, a knowledge document
    (`doc_…`) `knowledge:read`; files over 25 MiB are `422 DOCUMENT_TOO_LARGE`, a file that is not what
    its type says `422 DOCUMENT_UNREADABLE`.

    Args:
        id (str): An attachment's `att_…` id or a knowledge document's `doc_…` id.
        max_chars (int | Unset): Longest text to answer. Default: 200000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeDocumentView | ErrorBody
    """

    return sync_detailed(
        client=client,
        id=id,
        max_chars=max_chars,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: str,
    max_chars: int | Unset = 200000,
) -> Response[EnvelopeDocumentView | ErrorBody]:
    """Fetch parsed text for an attachment or KB document

     The text the knowledge base's parsers extract from the file (PDF, DOCX, HTML, CSV, JSON, text), so a
    person reads what an agent searched. An attachment (`att_…`) needs `runs:read`, a knowledge document
    (`doc_…`) `knowledge:read`; files over 25 MiB are `422 DOCUMENT_TOO_LARGE`, a file that is not what
    its type says `422 DOCUMENT_UNREADABLE`.

    Args:
        id (str): An attachment's `att_…` id or a knowledge document's `doc_…` id.
        max_chars (int | Unset): Longest text to answer. Default: 200000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeDocumentView | ErrorBody]
    """

    kwargs = _get_kwargs(
        id=id,
        max_chars=max_chars,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: str,
    max_chars: int | Unset = 200000,
) -> EnvelopeDocumentView | ErrorBody | None:
    """Fetch parsed text for an attachment or KB document

     The text the knowledge base's parsers extract from the file (PDF, DOCX, HTML, CSV, JSON, text), so a
    person reads what an agent searched. An attachment (`att_…`) needs `runs:read`, a knowledge document
    (`doc_…`) `knowledge:read`; files over 25 MiB are `422 DOCUMENT_TOO_LARGE`, a file that is not what
    its type says `422 DOCUMENT_UNREADABLE`.

    Args:
        id (str): An attachment's `att_…` id or a knowledge document's `doc_…` id.
        max_chars (int | Unset): Longest text to answer. Default: 200000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeDocumentView | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            max_chars=max_chars,
        )
    ).parsed
