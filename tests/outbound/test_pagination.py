"""``paginate`` of each style against the fake, pages strictly one after another."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from urllib.parse import parse_qs

import httpx
import pytest

from flowline.engine.worker import Worker
from flowline.outbound.pagination import next_link
from tests.factories import Factory
from tests.fakes.http import Answer, FakeApi, serve_fake
from tests.outbound.flows import call_steps, run_call


@pytest.fixture
async def api() -> AsyncIterator[FakeApi]:
    async with serve_fake() as fake:
        yield fake


def _queries(api: FakeApi, path: str) -> list[dict[str, str]]:
    return [{k: v[0] for k, v in parse_qs(r.query).items()} for r in api.seen(path)]


def _sequential(api: FakeApi, path: str) -> bool:
    seen = api.seen(path)
    return all(a.at <= b.at for a, b in itertools.pairwise(seen))


async def test_offset_stops_on_a_short_page(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/users", Answer(200, [1, 2]), Answer(200, [3, 4]), Answer(200, [5]))
    run = await run_call(
        client,
        org,
        url=f"{api.url}/users",
        query={"invoice-place": "hq"},
        paginate={"style": "offset", "limit": 2},
    )
    assert run["status"] == "succeeded", run
    output = call_steps(run)[0]["output"]
    assert output["items"] == [1, 2, 3, 4, 5]
    assert output["pages"] == 3
    assert [a["page"] for a in output["attempts"]] == [1, 2, 3]
    assert _queries(api, "/users") == [
        {"invoice-place": "hq", "limit": "2", "offset": str(n)} for n in (0, 2, 4)
    ]
    assert _sequential(api, "/users")


async def test_page_numbers_and_the_data_list(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer(
        "/calls",
        Answer(200, {"data": ["a", "b", "c"]}),
        Answer(200, {"data": ["d", "e", "f"]}),
        Answer(200, {"data": []}),
    )
    run = await run_call(
        client, org, url=f"{api.url}/calls", paginate={"style": "page", "page_param": "p"}
    )
    output = call_steps(run)[0]["output"]
    assert output["items"] == ["a", "b", "c", "d", "e", "f"]
    assert output["pages"] == 3  # the empty page ended it
    assert [q["p"] for q in _queries(api, "/calls")] == ["1", "2", "3"]


async def test_cursor_follows_the_next_cursor_until_there_is_none(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer(
        "/events",
        Answer(200, {"results": [{"id": 1}], "meta": {"next": "c2"}}),
        Answer(200, {"results": [{"id": 2}], "meta": {"next": "c3"}}),
        Answer(200, {"results": [{"id": 3}], "meta": {"next": None}}),
    )
    run = await run_call(
        client,
        org,
        url=f"{api.url}/events",
        paginate={
            "style": "cursor",
            "items": "results",
            "next_cursor": "meta.next",
            "cursor_param": "after",
        },
    )
    output = call_steps(run)[0]["output"]
    assert [i["id"] for i in output["items"]] == [1, 2, 3]
    assert [q.get("after") for q in _queries(api, "/events")] == [None, "c2", "c3"]


async def test_link_follows_rel_next_and_stops_at_max_pages(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    link = f'<{api.url}/list?page=2>; rel="next", <{api.url}/list?page=9>; rel="last"'
    api.answer(
        "/list",
        Answer(200, {"items": [1, 2]}, headers={"link": link}),
        Answer(200, {"items": [3, 4]}, headers={"link": '</list?page=3>; rel="next"'}),
        Answer(200, {"items": [5, 6]}, headers={"link": '</list?page=4>; rel="next"'}),
    )
    run = await run_call(
        client, org, url=f"{api.url}/list", paginate={"style": "link", "max_pages": 3}
    )
    output = call_steps(run)[0]["output"]
    assert output["items"] == [1, 2, 3, 4, 5, 6]
    assert output["pages"] == 3
    assert [q.get("page") for q in _queries(api, "/list")] == [None, "2", "3"]


async def test_a_next_link_is_checked_by_the_network_policy(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer(
        "/list", Answer(200, [1], headers={"link": '<http://10.1.1.1/list?page=2>; rel="next"'})
    )
    run = await run_call(client, org, url=f"{api.url}/list", paginate={"style": "link"})
    assert run["error"]["code"] == "OUTBOUND_REFUSED"
    assert len(api.seen("/list")) == 1


async def test_a_failing_page_fails_the_step_with_what_was_fetched(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/p", Answer(200, [1, 2]), Answer(400, {"error": "bad offset"}))
    run = await run_call(client, org, url=f"{api.url}/p", paginate={"style": "offset", "limit": 2})
    assert run["error"]["code"] == "HTTP_400"
    assert run["error"]["details"]["pages"] == 2
    assert len(api.seen("/p")) == 2


async def test_a_page_without_a_list_is_an_error(
    client: httpx.AsyncClient, factory: Factory, worker: Worker, api: FakeApi
) -> None:
    org = await factory.org()
    api.answer("/odd", Answer(200, {"rows": [1]}))
    run = await run_call(client, org, url=f"{api.url}/odd", paginate={"style": "page"})
    assert run["error"]["code"] == "PAGINATION_ERROR"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('<https://a.test/2>; rel="next"', "https://a.test/2"),
        ('<https://a.test/1>; rel="prev", <https://a.test/3>; rel=next', "https://a.test/3"),
        ('<https://a.test/x>; title="a, b"; rel="last next"', "https://a.test/x"),
        ('<https://a.test/1>; rel="prev"', None),
        ("", None),
    ],
)
def test_next_link(header: str, expected: str | None) -> None:
    assert next_link(header) == expected
