from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.block_write import BlockWrite
from ...models.envelope_block_read import EnvelopeBlockRead
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    type_: str,
    *,
    body: BlockWrite,
    agent_id: str,
    person_id: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    params: dict[str, Any] = {}

    params["agent_id"] = agent_id

    params["person_id"] = person_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/memory/blocks/{type_}".format(
            type_=quote(str(type_), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | EnvelopeBlockRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeBlockRead.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = cast(Any, None)
        return response_201

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

    if response.status_code == 428:
        response_428 = ErrorBody.from_dict(response.json())

        return response_428

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | EnvelopeBlockRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BlockWrite,
    agent_id: str,
    person_id: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Any | EnvelopeBlockRead | ErrorBody]:
    """Compare-and-set update a memory block

     Creates the block (201) when it does not exist (`expected_version` absent or 0). Changing an
    existing block needs the version you read, as `If-Match` or `expected_version`: without it 428, a
    different one 409 `MEMORY_BLOCK_VERSION_CONFLICT` with the current block in `details[0].current`.
    `value` longer than the block's `limit` is 422. A block is the agent's own, or with `person_id`
    about one person (a user or a contact; `human` blocks always are: without it, 422).

    Args:
        type_ (str): `persona`, `human`, …: 1 to 40 characters: a lower-case letter, then letters,
            digits or _.
        agent_id (str): The agent whose memory it is (`agt_…`).
        person_id (str | Unset): The person the block or passages are about: a user's id (`usr_…`)
            or a channel contact's (`ctc_…`).
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BlockWrite): ``PUT memory/blocks/{type}``: compare-and-set on ``expected_version``
            (or ``If-Match``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopeBlockRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        type_=type_,
        body=body,
        agent_id=agent_id,
        person_id=person_id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BlockWrite,
    agent_id: str,
    person_id: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Any | EnvelopeBlockRead | ErrorBody | None:
    """Compare-and-set update a memory block

     Creates the block (201) when it does not exist (`expected_version` absent or 0). Changing an
    existing block needs the version you read, as `If-Match` or `expected_version`: without it 428, a
    different one 409 `MEMORY_BLOCK_VERSION_CONFLICT` with the current block in `details[0].current`.
    `value` longer than the block's `limit` is 422. A block is the agent's own, or with `person_id`
    about one person (a user or a contact; `human` blocks always are: without it, 422).

    Args:
        type_ (str): `persona`, `human`, …: 1 to 40 characters: a lower-case letter, then letters,
            digits or _.
        agent_id (str): The agent whose memory it is (`agt_…`).
        person_id (str | Unset): The person the block or passages are about: a user's id (`usr_…`)
            or a channel contact's (`ctc_…`).
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BlockWrite): ``PUT memory/blocks/{type}``: compare-and-set on ``expected_version``
            (or ``If-Match``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopeBlockRead | ErrorBody
    """

    return sync_detailed(
        type_=type_,
        client=client,
        body=body,
        agent_id=agent_id,
        person_id=person_id,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BlockWrite,
    agent_id: str,
    person_id: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Any | EnvelopeBlockRead | ErrorBody]:
    """Compare-and-set update a memory block

     Creates the block (201) when it does not exist (`expected_version` absent or 0). Changing an
    existing block needs the version you read, as `If-Match` or `expected_version`: without it 428, a
    different one 409 `MEMORY_BLOCK_VERSION_CONFLICT` with the current block in `details[0].current`.
    `value` longer than the block's `limit` is 422. A block is the agent's own, or with `person_id`
    about one person (a user or a contact; `human` blocks always are: without it, 422).

    Args:
        type_ (str): `persona`, `human`, …: 1 to 40 characters: a lower-case letter, then letters,
            digits or _.
        agent_id (str): The agent whose memory it is (`agt_…`).
        person_id (str | Unset): The person the block or passages are about: a user's id (`usr_…`)
            or a channel contact's (`ctc_…`).
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BlockWrite): ``PUT memory/blocks/{type}``: compare-and-set on ``expected_version``
            (or ``If-Match``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | EnvelopeBlockRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        type_=type_,
        body=body,
        agent_id=agent_id,
        person_id=person_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    type_: str,
    *,
    client: AuthenticatedClient,
    body: BlockWrite,
    agent_id: str,
    person_id: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Any | EnvelopeBlockRead | ErrorBody | None:
    """Compare-and-set update a memory block

     Creates the block (201) when it does not exist (`expected_version` absent or 0). Changing an
    existing block needs the version you read, as `If-Match` or `expected_version`: without it 428, a
    different one 409 `MEMORY_BLOCK_VERSION_CONFLICT` with the current block in `details[0].current`.
    `value` longer than the block's `limit` is 422. A block is the agent's own, or with `person_id`
    about one person (a user or a contact; `human` blocks always are: without it, 422).

    Args:
        type_ (str): `persona`, `human`, …: 1 to 40 characters: a lower-case letter, then letters,
            digits or _.
        agent_id (str): The agent whose memory it is (`agt_…`).
        person_id (str | Unset): The person the block or passages are about: a user's id (`usr_…`)
            or a channel contact's (`ctc_…`).
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (BlockWrite): ``PUT memory/blocks/{type}``: compare-and-set on ``expected_version``
            (or ``If-Match``).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | EnvelopeBlockRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            type_=type_,
            client=client,
            body=body,
            agent_id=agent_id,
            person_id=person_id,
            if_match=if_match,
        )
    ).parsed
