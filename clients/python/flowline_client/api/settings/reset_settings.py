from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_settings_read import EnvelopeSettingsRead
from ...models.error_body import ErrorBody
from ...models.reset_settings_scope import ResetSettingsScope
from ...models.settings_reset import SettingsReset
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: None | SettingsReset | Unset = UNSET,
    scope: ResetSettingsScope | Unset = ResetSettingsScope.USER,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/settings/reset",
        "params": params,
    }

    if isinstance(body, SettingsReset):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeSettingsRead | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeSettingsRead.from_dict(response.json())

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
) -> Response[EnvelopeSettingsRead | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: None | SettingsReset | Unset = UNSET,
    scope: ResetSettingsScope | Unset = ResetSettingsScope.USER,
) -> Response[EnvelopeSettingsRead | ErrorBody]:
    """Reset settings to the defaults

     Drops the layer's overrides (only the top-level `keys` given, when given), so the organisation's and
    the platform's defaults show again.

    Args:
        scope (ResetSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: ResetSettingsScope.USER.
        body (None | SettingsReset | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeSettingsRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        scope=scope,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: None | SettingsReset | Unset = UNSET,
    scope: ResetSettingsScope | Unset = ResetSettingsScope.USER,
) -> EnvelopeSettingsRead | ErrorBody | None:
    """Reset settings to the defaults

     Drops the layer's overrides (only the top-level `keys` given, when given), so the organisation's and
    the platform's defaults show again.

    Args:
        scope (ResetSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: ResetSettingsScope.USER.
        body (None | SettingsReset | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeSettingsRead | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
        scope=scope,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: None | SettingsReset | Unset = UNSET,
    scope: ResetSettingsScope | Unset = ResetSettingsScope.USER,
) -> Response[EnvelopeSettingsRead | ErrorBody]:
    """Reset settings to the defaults

     Drops the layer's overrides (only the top-level `keys` given, when given), so the organisation's and
    the platform's defaults show again.

    Args:
        scope (ResetSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: ResetSettingsScope.USER.
        body (None | SettingsReset | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeSettingsRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        scope=scope,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: None | SettingsReset | Unset = UNSET,
    scope: ResetSettingsScope | Unset = ResetSettingsScope.USER,
) -> EnvelopeSettingsRead | ErrorBody | None:
    """Reset settings to the defaults

     Drops the layer's overrides (only the top-level `keys` given, when given), so the organisation's and
    the platform's defaults show again.

    Args:
        scope (ResetSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: ResetSettingsScope.USER.
        body (None | SettingsReset | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeSettingsRead | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            scope=scope,
        )
    ).parsed
