from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.envelope_hook_accepted import EnvelopeHookAccepted
from ...models.envelope_hook_finished import EnvelopeHookFinished
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: Any | Unset = UNSET,
    wait_seconds: int | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["wait_seconds"] = wait_seconds

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/hooks/{token}".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody | None:
    if response.status_code == 200:
        response_200 = EnvelopeHookFinished.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = EnvelopeHookAccepted.from_dict(response.json())

        return response_202

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

    if response.status_code == 415:
        response_415 = ErrorBody.from_dict(response.json())

        return response_415

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
) -> Response[EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
    wait_seconds: int | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody]:
    """Start a run through a flow's hook

     Public: the token in the path is the credential, no API key is needed. Starts a run of the token's
    flow with trigger `webhook` and the request body as input, and answers 202 with the run id.
    `Idempotency-Key` makes a repeat answer the same run. With `wait_seconds` (0 to 300) the answer
    waits for the run: if it ends in time, 200 with its status, `output` and `error` (a failed run is
    still a 200: the hook call itself worked); otherwise 202 as usual. When the run reaches a `respond`
    node first, the answer is that node's status, headers and body, at once, while the run goes on. A
    flow with a `respond` node waits 30 s when `wait_seconds` is not given. An unknown or removed token
    answers 404; an inactive or draft flow 409; a body that is neither JSON nor UTF-8 text 415.

    Args:
        token (str):
        wait_seconds (int | Unset): Wait up to this long (0 to 300 s) for the run to end or reach
            a `respond` node (0: answer at once). Default: 30 when the flow has a `respond` node, else
            0.
        idempotency_key (str | Unset): A repeat with the same key (per flow) answers the first
            run.
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        wait_seconds=wait_seconds,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
    wait_seconds: int | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody | None:
    """Start a run through a flow's hook

     Public: the token in the path is the credential, no API key is needed. Starts a run of the token's
    flow with trigger `webhook` and the request body as input, and answers 202 with the run id.
    `Idempotency-Key` makes a repeat answer the same run. With `wait_seconds` (0 to 300) the answer
    waits for the run: if it ends in time, 200 with its status, `output` and `error` (a failed run is
    still a 200: the hook call itself worked); otherwise 202 as usual. When the run reaches a `respond`
    node first, the answer is that node's status, headers and body, at once, while the run goes on. A
    flow with a `respond` node waits 30 s when `wait_seconds` is not given. An unknown or removed token
    answers 404; an inactive or draft flow 409; a body that is neither JSON nor UTF-8 text 415.

    Args:
        token (str):
        wait_seconds (int | Unset): Wait up to this long (0 to 300 s) for the run to end or reach
            a `respond` node (0: answer at once). Default: 30 when the flow has a `respond` node, else
            0.
        idempotency_key (str | Unset): A repeat with the same key (per flow) answers the first
            run.
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody
    """

    return sync_detailed(
        token=token,
        client=client,
        body=body,
        wait_seconds=wait_seconds,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
    wait_seconds: int | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody]:
    """Start a run through a flow's hook

     Public: the token in the path is the credential, no API key is needed. Starts a run of the token's
    flow with trigger `webhook` and the request body as input, and answers 202 with the run id.
    `Idempotency-Key` makes a repeat answer the same run. With `wait_seconds` (0 to 300) the answer
    waits for the run: if it ends in time, 200 with its status, `output` and `error` (a failed run is
    still a 200: the hook call itself worked); otherwise 202 as usual. When the run reaches a `respond`
    node first, the answer is that node's status, headers and body, at once, while the run goes on. A
    flow with a `respond` node waits 30 s when `wait_seconds` is not given. An unknown or removed token
    answers 404; an inactive or draft flow 409; a body that is neither JSON nor UTF-8 text 415.

    Args:
        token (str):
        wait_seconds (int | Unset): Wait up to this long (0 to 300 s) for the run to end or reach
            a `respond` node (0: answer at once). Default: 30 when the flow has a `respond` node, else
            0.
        idempotency_key (str | Unset): A repeat with the same key (per flow) answers the first
            run.
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        wait_seconds=wait_seconds,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any | Unset = UNSET,
    wait_seconds: int | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody | None:
    """Start a run through a flow's hook

     Public: the token in the path is the credential, no API key is needed. Starts a run of the token's
    flow with trigger `webhook` and the request body as input, and answers 202 with the run id.
    `Idempotency-Key` makes a repeat answer the same run. With `wait_seconds` (0 to 300) the answer
    waits for the run: if it ends in time, 200 with its status, `output` and `error` (a failed run is
    still a 200: the hook call itself worked); otherwise 202 as usual. When the run reaches a `respond`
    node first, the answer is that node's status, headers and body, at once, while the run goes on. A
    flow with a `respond` node waits 30 s when `wait_seconds` is not given. An unknown or removed token
    answers 404; an inactive or draft flow 409; a body that is neither JSON nor UTF-8 text 415.

    Args:
        token (str):
        wait_seconds (int | Unset): Wait up to this long (0 to 300 s) for the run to end or reach
            a `respond` node (0: answer at once). Default: 30 when the flow has a `respond` node, else
            0.
        idempotency_key (str | Unset): A repeat with the same key (per flow) answers the first
            run.
        body (Any | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EnvelopeHookAccepted | EnvelopeHookFinished | ErrorBody
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            body=body,
            wait_seconds=wait_seconds,
            idempotency_key=idempotency_key,
        )
    ).parsed
