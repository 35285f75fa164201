from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_question_read import EnvelopeQuestionRead
from ...models.error_body import ErrorBody
from ...models.question_respond import QuestionRespond
from ...types import Response


def _get_kwargs(
    question_id: str,
    *,
    body: QuestionRespond,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/questions/{question_id}/respond".format(
            question_id=quote(str(question_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeQuestionRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeQuestionRead.from_dict(response.json())

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
) -> Response[EnvelopeQuestionRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    question_id: str,
    *,
    client: AuthenticatedClient,
    body: QuestionRespond,
) -> Response[EnvelopeQuestionRead | ErrorBody]:
    """Answer an agent's question

     The agent's turn, waiting on the question, goes on with the answer as its tool's result, in
    whichever process takes it. `409` once answered (exactly one answer wins).

    Args:
        question_id (str):
        body (QuestionRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeQuestionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        question_id=question_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    question_id: str,
    *,
    client: AuthenticatedClient,
    body: QuestionRespond,
) -> EnvelopeQuestionRead | ErrorBody | None:
    """Answer an agent's question

     The agent's turn, waiting on the question, goes on with the answer as its tool's result, in
    whichever process takes it. `409` once answered (exactly one answer wins).

    Args:
        question_id (str):
        body (QuestionRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeQuestionRead | ErrorBody
    """

    return sync_detailed(
        question_id=question_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    question_id: str,
    *,
    client: AuthenticatedClient,
    body: QuestionRespond,
) -> Response[EnvelopeQuestionRead | ErrorBody]:
    """Answer an agent's question

     The agent's turn, waiting on the question, goes on with the answer as its tool's result, in
    whichever process takes it. `409` once answered (exactly one answer wins).

    Args:
        question_id (str):
        body (QuestionRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeQuestionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        question_id=question_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    question_id: str,
    *,
    client: AuthenticatedClient,
    body: QuestionRespond,
) -> EnvelopeQuestionRead | ErrorBody | None:
    """Answer an agent's question

     The agent's turn, waiting on the question, goes on with the answer as its tool's result, in
    whichever process takes it. `409` once answered (exactly one answer wins).

    Args:
        question_id (str):
        body (QuestionRespond):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeQuestionRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            question_id=question_id,
            client=client,
            body=body,
        )
    ).parsed
