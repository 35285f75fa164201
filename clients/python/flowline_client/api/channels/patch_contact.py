from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact_patch import ContactPatch
from ...models.envelope_contact_read import EnvelopeContactRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    contact_id: str,
    *,
    body: ContactPatch,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/contacts/{contact_id}".format(
            contact_id=quote(str(contact_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeContactRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeContactRead.from_dict(response.json())

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
) -> Response[EnvelopeContactRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: ContactPatch,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeContactRead | ErrorBody]:
    """Change a contact

     `name`, `metadata` (replaced whole), `opted_out` (`true`: sends are refused with 409
    `CONTACT_OPTED_OUT`; `false`: opted back in). With `If-Match` or `expected_version`, only at that
    version (else 409).

    Args:
        contact_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ContactPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeContactRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: ContactPatch,
    if_match: str | Unset = UNSET,
) -> EnvelopeContactRead | ErrorBody | None:
    """Change a contact

     `name`, `metadata` (replaced whole), `opted_out` (`true`: sends are refused with 409
    `CONTACT_OPTED_OUT`; `false`: opted back in). With `If-Match` or `expected_version`, only at that
    version (else 409).

    Args:
        contact_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ContactPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeContactRead | ErrorBody
    """

    return sync_detailed(
        contact_id=contact_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: ContactPatch,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeContactRead | ErrorBody]:
    """Change a contact

     `name`, `metadata` (replaced whole), `opted_out` (`true`: sends are refused with 409
    `CONTACT_OPTED_OUT`; `false`: opted back in). With `If-Match` or `expected_version`, only at that
    version (else 409).

    Args:
        contact_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ContactPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeContactRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    contact_id: str,
    *,
    client: AuthenticatedClient,
    body: ContactPatch,
    if_match: str | Unset = UNSET,
) -> EnvelopeContactRead | ErrorBody | None:
    """Change a contact

     `name`, `metadata` (replaced whole), `opted_out` (`true`: sends are refused with 409
    `CONTACT_OPTED_OUT`; `false`: opted back in). With `If-Match` or `expected_version`, only at that
    version (else 409).

    Args:
        contact_id (str):
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (ContactPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeContactRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            contact_id=contact_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
