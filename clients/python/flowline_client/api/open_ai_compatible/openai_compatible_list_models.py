from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_ai_error_body import OpenAIErrorBody
from ...models.openai_compatible_list_models_order import OpenaiCompatibleListModelsOrder
from ...models.openai_compatible_list_models_response_list_models_v1_models_get import (
    OpenaiCompatibleListModelsResponseListModelsV1ModelsGet,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    order: OpenaiCompatibleListModelsOrder | Unset = OpenaiCompatibleListModelsOrder.DESC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["after"] = after

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/models",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet | None:
    if response.status_code == 200:
        response_200 = OpenaiCompatibleListModelsResponseListModelsV1ModelsGet.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OpenAIErrorBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OpenAIErrorBody.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = OpenAIErrorBody.from_dict(response.json())

        return response_402

    if response.status_code == 403:
        response_403 = OpenAIErrorBody.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = OpenAIErrorBody.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = OpenAIErrorBody.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = OpenAIErrorBody.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = OpenAIErrorBody.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    order: OpenaiCompatibleListModelsOrder | Unset = OpenaiCompatibleListModelsOrder.DESC,
) -> Response[OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet]:
    """List agents as models

     The caller's organisation's agents as OpenAI models (`id` the agent's id, `created` Unix seconds,
    `owned_by` the organisation's id, and `name` the agent's name, which chat UIs show), newest first
    (`order=asc`: oldest first). Without `limit` every agent comes in one answer, as OpenAI's own list
    of models does (its SDKs do not page it); with `limit` (1 to 100) the list is paged by cursor as
    OpenAI's other lists are: `has_more` says whether more follow, and `after=<last_id>` asks for them.

    Args:
        limit (int | Unset):
        after (str | Unset):
        order (OpenaiCompatibleListModelsOrder | Unset):  Default:
            OpenaiCompatibleListModelsOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    order: OpenaiCompatibleListModelsOrder | Unset = OpenaiCompatibleListModelsOrder.DESC,
) -> OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet | None:
    """List agents as models

     The caller's organisation's agents as OpenAI models (`id` the agent's id, `created` Unix seconds,
    `owned_by` the organisation's id, and `name` the agent's name, which chat UIs show), newest first
    (`order=asc`: oldest first). Without `limit` every agent comes in one answer, as OpenAI's own list
    of models does (its SDKs do not page it); with `limit` (1 to 100) the list is paged by cursor as
    OpenAI's other lists are: `has_more` says whether more follow, and `after=<last_id>` asks for them.

    Args:
        limit (int | Unset):
        after (str | Unset):
        order (OpenaiCompatibleListModelsOrder | Unset):  Default:
            OpenaiCompatibleListModelsOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet
    """

    return sync_detailed(
        client=client,
        limit=limit,
        after=after,
        order=order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    order: OpenaiCompatibleListModelsOrder | Unset = OpenaiCompatibleListModelsOrder.DESC,
) -> Response[OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet]:
    """List agents as models

     The caller's organisation's agents as OpenAI models (`id` the agent's id, `created` Unix seconds,
    `owned_by` the organisation's id, and `name` the agent's name, which chat UIs show), newest first
    (`order=asc`: oldest first). Without `limit` every agent comes in one answer, as OpenAI's own list
    of models does (its SDKs do not page it); with `limit` (1 to 100) the list is paged by cursor as
    OpenAI's other lists are: `has_more` says whether more follow, and `after=<last_id>` asks for them.

    Args:
        limit (int | Unset):
        after (str | Unset):
        order (OpenaiCompatibleListModelsOrder | Unset):  Default:
            OpenaiCompatibleListModelsOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet]
    """

    kwargs = _get_kwargs(
        limit=limit,
        after=after,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    order: OpenaiCompatibleListModelsOrder | Unset = OpenaiCompatibleListModelsOrder.DESC,
) -> OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet | None:
    """List agents as models

     The caller's organisation's agents as OpenAI models (`id` the agent's id, `created` Unix seconds,
    `owned_by` the organisation's id, and `name` the agent's name, which chat UIs show), newest first
    (`order=asc`: oldest first). Without `limit` every agent comes in one answer, as OpenAI's own list
    of models does (its SDKs do not page it); with `limit` (1 to 100) the list is paged by cursor as
    OpenAI's other lists are: `has_more` says whether more follow, and `after=<last_id>` asks for them.

    Args:
        limit (int | Unset):
        after (str | Unset):
        order (OpenaiCompatibleListModelsOrder | Unset):  Default:
            OpenaiCompatibleListModelsOrder.DESC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenAIErrorBody | OpenaiCompatibleListModelsResponseListModelsV1ModelsGet
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            after=after,
            order=order,
        )
    ).parsed
