from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.approval_respond import ApprovalRespond
from ...models.envelope_approval_read import EnvelopeApprovalRead
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    approval_id: str,
    *,
    body: ApprovalRespond,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/approvals/{approval_id}/respond".format(
            approval_id=quote(str(approval_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeApprovalRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeApprovalRead.from_dict(response.json())

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
) -> Response[EnvelopeApprovalRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    approval_id: str,
    *,
    client: AuthenticatedClient,
    body: ApprovalRespond,
) -> Response[EnvelopeApprovalRead | ErrorBody]:
    """Approve or deny

     `decision` is `approve` or `deny`. `arguments` replaces the payload (checked against the approval's
    `payload_schema`: 422 naming the fields). Exactly one answer wins: once answered, cancelled or past
    `expires_at`, the answer is 409. Only an organisation owner or admin, a user listed in `assignees`,
    or a member of the approval's group may answer (403 otherwise).

    Args:
        approval_id (str):
        body (ApprovalRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeApprovalRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        approval_id=approval_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    approval_id: str,
    *,
    client: AuthenticatedClient,
    body: ApprovalRespond,
) -> EnvelopeApprovalRead | ErrorBody | None:
    """Approve or deny

     `decision` is `approve` or `deny`. `arguments` replaces the payload (checked against the approval's
    `payload_schema`: 422 naming the fields). Exactly one answer wins: once answered, cancelled or past
    `expires_at`, the answer is 409. Only an organisation owner or admin, a user listed in `assignees`,
    or a member of the approval's group may answer (403 otherwise).

    Args:
        approval_id (str):
        body (ApprovalRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeApprovalRead | ErrorBody
    """

    return sync_detailed(
        approval_id=approval_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    approval_id: str,
    *,
    client: AuthenticatedClient,
    body: ApprovalRespond,
) -> Response[EnvelopeApprovalRead | ErrorBody]:
    """Approve or deny

     `decision` is `approve` or `deny`. `arguments` replaces the payload (checked against the approval's
    `payload_schema`: 422 naming the fields). Exactly one answer wins: once answered, cancelled or past
    `expires_at`, the answer is 409. Only an organisation owner or admin, a user listed in `assignees`,
    or a member of the approval's group may answer (403 otherwise).

    Args:
        approval_id (str):
        body (ApprovalRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeApprovalRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        approval_id=approval_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    approval_id: str,
    *,
    client: AuthenticatedClient,
    body: ApprovalRespond,
) -> EnvelopeApprovalRead | ErrorBody | None:
    """Approve or deny

     `decision` is `approve` or `deny`. `arguments` replaces the payload (checked against the approval's
    `payload_schema`: 422 naming the fields). Exactly one answer wins: once answered, cancelled or past
    `expires_at`, the answer is 409. Only an organisation owner or admin, a user listed in `assignees`,
    or a member of the approval's group may answer (403 otherwise).

    Args:
        approval_id (str):
        body (ApprovalRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeApprovalRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            approval_id=approval_id,
            client=client,
            body=body,
        )
    ).parsed
