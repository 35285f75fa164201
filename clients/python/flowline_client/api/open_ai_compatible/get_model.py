from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_model_response_get_model_v1_models_model_id_get import GetModelResponseGetModelV1ModelsModelIdGet
from ...models.open_ai_error_body import OpenAIErrorBody
from ...types import Response


def _get_kwargs(
    model_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/models/{model_id}".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody | None:
    if response.status_code == 200:
        response_200 = GetModelResponseGetModelV1ModelsModelIdGet.from_dict(response.json())

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
) -> Response[GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody]:
    """Get an agent as a model

     Another organisation's agent, or no agent, answers 404 (`agent_not_found`).

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody | None:
    """Get an agent as a model

     Another organisation's agent, or no agent, answers 404 (`agent_not_found`).

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody]:
    """Get an agent as a model

     Another organisation's agent, or no agent, answers 404 (`agent_not_found`).

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
) -> GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody | None:
    """Get an agent as a model

     Another organisation's agent, or no agent, answers 404 (`agent_not_found`).

    Args:
        model_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetModelResponseGetModelV1ModelsModelIdGet | OpenAIErrorBody
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
        )
    ).parsed
