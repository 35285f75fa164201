from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_reflect_result import EnvelopeReflectResult
from ...models.error_body import ErrorBody
from ...models.reflect_body import ReflectBody
from ...types import Response


def _get_kwargs(
    agent_id: str,
    *,
    body: ReflectBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/agents/{agent_id}/capability/reflect".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeReflectResult | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeReflectResult.from_dict(response.json())

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
) -> Response[EnvelopeReflectResult | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ReflectBody,
) -> Response[EnvelopeReflectResult | ErrorBody]:
    """Review an answer

     One model call: `{assessment, issues, suggestions}` about `text` (with the `request` it answers, if
    given) or about the last answer of conversation `thread_id`. An answer of the wrong shape is 502
    `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ReflectBody): ``text`` to review, or ``thread_id``: the conversation's last answer
            (with the
            message it answered).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeReflectResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ReflectBody,
) -> EnvelopeReflectResult | ErrorBody | None:
    """Review an answer

     One model call: `{assessment, issues, suggestions}` about `text` (with the `request` it answers, if
    given) or about the last answer of conversation `thread_id`. An answer of the wrong shape is 502
    `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ReflectBody): ``text`` to review, or ``thread_id``: the conversation's last answer
            (with the
            message it answered).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeReflectResult | ErrorBody
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ReflectBody,
) -> Response[EnvelopeReflectResult | ErrorBody]:
    """Review an answer

     One model call: `{assessment, issues, suggestions}` about `text` (with the `request` it answers, if
    given) or about the last answer of conversation `thread_id`. An answer of the wrong shape is 502
    `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ReflectBody): ``text`` to review, or ``thread_id``: the conversation's last answer
            (with the
            message it answered).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeReflectResult | ErrorBody]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient,
    body: ReflectBody,
) -> EnvelopeReflectResult | ErrorBody | None:
    """Review an answer

     One model call: `{assessment, issues, suggestions}` about `text` (with the `request` it answers, if
    given) or about the last answer of conversation `thread_id`. An answer of the wrong shape is 502
    `MODEL_OUTPUT_INVALID`.

    Args:
        agent_id (str):
        body (ReflectBody): ``text`` to review, or ``thread_id``: the conversation's last answer
            (with the
            message it answered).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeReflectResult | ErrorBody
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            body=body,
        )
    ).parsed
