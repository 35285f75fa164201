from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_settings_read import EnvelopeSettingsRead
from ...models.error_body import ErrorBody
from ...models.patch_settings_patch import PatchSettingsPatch
from ...models.patch_settings_scope import PatchSettingsScope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PatchSettingsPatch,
    scope: PatchSettingsScope | Unset = PatchSettingsScope.USER,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    params: dict[str, Any] = {}

    json_scope: str | Unset = UNSET
    if not isinstance(scope, Unset):
        json_scope = scope.value

    params["scope"] = json_scope

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/settings",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

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
    body: PatchSettingsPatch,
    scope: PatchSettingsScope | Unset = PatchSettingsScope.USER,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeSettingsRead | ErrorBody]:
    """Change settings (JSON Merge Patch)

     The body is a JSON Merge Patch (RFC 7386) of the layer: objects merge key by key, `null` removes a
    key (the default shows again), any other value replaces. The merged view must meet the schema of
    `GET /settings/defaults`, else 422 naming each field (nothing changes). With `If-Match`, only at
    that version (else 409).

    Args:
        scope (PatchSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: PatchSettingsScope.USER.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (PatchSettingsPatch): A JSON Merge Patch object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeSettingsRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        scope=scope,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PatchSettingsPatch,
    scope: PatchSettingsScope | Unset = PatchSettingsScope.USER,
    if_match: str | Unset = UNSET,
) -> EnvelopeSettingsRead | ErrorBody | None:
    """Change settings (JSON Merge Patch)

     The body is a JSON Merge Patch (RFC 7386) of the layer: objects merge key by key, `null` removes a
    key (the default shows again), any other value replaces. The merged view must meet the schema of
    `GET /settings/defaults`, else 422 naming each field (nothing changes). With `If-Match`, only at
    that version (else 409).

    Args:
        scope (PatchSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: PatchSettingsScope.USER.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (PatchSettingsPatch): A JSON Merge Patch object.

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
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PatchSettingsPatch,
    scope: PatchSettingsScope | Unset = PatchSettingsScope.USER,
    if_match: str | Unset = UNSET,
) -> Response[EnvelopeSettingsRead | ErrorBody]:
    """Change settings (JSON Merge Patch)

     The body is a JSON Merge Patch (RFC 7386) of the layer: objects merge key by key, `null` removes a
    key (the default shows again), any other value replaces. The merged view must meet the schema of
    `GET /settings/defaults`, else 422 naming each field (nothing changes). With `If-Match`, only at
    that version (else 409).

    Args:
        scope (PatchSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: PatchSettingsScope.USER.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (PatchSettingsPatch): A JSON Merge Patch object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeSettingsRead | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
        scope=scope,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PatchSettingsPatch,
    scope: PatchSettingsScope | Unset = PatchSettingsScope.USER,
    if_match: str | Unset = UNSET,
) -> EnvelopeSettingsRead | ErrorBody | None:
    """Change settings (JSON Merge Patch)

     The body is a JSON Merge Patch (RFC 7386) of the layer: objects merge key by key, `null` removes a
    key (the default shows again), any other value replaces. The merged view must meet the schema of
    `GET /settings/defaults`, else 422 naming each field (nothing changes). With `If-Match`, only at
    that version (else 409).

    Args:
        scope (PatchSettingsScope | Unset): `user` (default): the caller's own settings;
            `organization`: the organisation's defaults under every user's (changing them needs
            `admin`). Default: PatchSettingsScope.USER.
        if_match (str | Unset): The version you last read (`3` or `"3"`); a different one answers
            409.
        body (PatchSettingsPatch): A JSON Merge Patch object.

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
            if_match=if_match,
        )
    ).parsed
