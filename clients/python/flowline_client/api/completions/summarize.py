from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_completion_read import EnvelopeCompletionRead
from ...models.error_body import ErrorBody
from ...models.summarize_body import SummarizeBody
from ...types import Response


def _get_kwargs(
    *,
    body: SummarizeBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/completions/summarize",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeCompletionRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeCompletionRead.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ErrorBody.from_dict(response.json())

        return response_402

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

    if response.status_code == 502:
        response_502 = ErrorBody.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorBody.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[EnvelopeCompletionRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SummarizeBody,
) -> Response[EnvelopeCompletionRead | ErrorBody]:
    """Summarize an input

     `output`: `{summary}`, a paragraph or bullets of about `max_words`. Checked against the credits and
    monthly budgets first (`402`), charged as a usage row once made. `model` defaults to the
    organisation's default model (`flowline/echo` offline).

    Args:
        body (SummarizeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeCompletionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SummarizeBody,
) -> EnvelopeCompletionRead | ErrorBody | None:
    """Summarize an input

     `output`: `{summary}`, a paragraph or bullets of about `max_words`. Checked against the credits and
    monthly budgets first (`402`), charged as a usage row once made. `model` defaults to the
    organisation's default model (`flowline/echo` offline).

    Args:
        body (SummarizeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeCompletionRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SummarizeBody,
) -> Response[EnvelopeCompletionRead | ErrorBody]:
    """Summarize an input

     `output`: `{summary}`, a paragraph or bullets of about `max_words`. Checked against the credits and
    monthly budgets first (`402`), charged as a usage row once made. `model` defaults to the
    organisation's default model (`flowline/echo` offline).

    Args:
        body (SummarizeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeCompletionRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SummarizeBody,
) -> EnvelopeCompletionRead | ErrorBody | None:
    """Summarize an input

     `output`: `{summary}`, a paragraph or bullets of about `max_words`. Checked against the credits and
    monthly budgets first (`402`), charged as a usage row once made. `model` defaults to the
    organisation's default model (`flowline/echo` offline).

    Args:
        body (SummarizeBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeCompletionRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
