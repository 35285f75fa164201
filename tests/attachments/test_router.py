"""Uploads streamed to storage: list, metadata, content, download, delete; S3 on moto."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import boto3
import httpx
import pytest
from fastapi import FastAPI
from moto.server import ThreadedMotoServer

from flowline.app import build_runtime, create_app
from flowline.config import Settings
from flowline.db.models import Attachment
from flowline.runtime import Runtime
from tests.factories import Factory, Org

A = "/api/v1/attachments"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)


async def upload(
    client: httpx.AsyncClient, org: Org, data: bytes, name: str = "f.bin", path: str = A
) -> httpx.Response:
    files = {"file": (name, data, "application/x-claimed")}
    return await client.post(path, files=files, headers=org.headers)


async def test_upload_read_download_delete(client: httpx.AsyncClient, factory: Factory) -> None:
    org, other = await factory.org(), await factory.org()
    r = await upload(client, org, PNG, "café.png")
    assert r.status_code == 201, r.text
    made = r.json()["data"]
    assert made["content_type"] == "image/png"  # sniffed, not the claimed type
    assert made["size"] == len(PNG)
    assert made["name"] == "café.png"
    assert made["storage"] == "local"
    r = await client.get(f"{A}/{made['id']}", headers=org.headers)
    assert r.json()["data"] == made
    listed = (await client.get(A, params={"purpose": "upload"}, headers=org.headers)).json()
    assert [a["id"] for a in listed["data"]] == [made["id"]]
    r = await client.get(f"{A}/{made['id']}/content", headers=org.headers)
    assert r.content == PNG
    assert r.headers["content-disposition"].startswith("inline;")
    r = await client.get(f"{A}/{made['id']}/download", headers=org.headers)
    assert r.content == PNG
    assert r.headers["content-type"] == "image/png"
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"caf_.png\"; filename*=UTF-8''caf%C3%A9.png"
    )
    for path in ("", "/content", "/download"):
        r = await client.get(f"{A}/{made['id']}{path}", headers=other.headers)
        assert r.status_code == 404
    r = await client.delete(f"{A}/{made['id']}", headers=other.headers)
    assert r.status_code == 404
    r = await client.delete(f"{A}/{made['id']}", headers=org.headers)
    assert r.status_code == 204
    r = await client.get(f"{A}/{made['id']}/download", headers=org.headers)
    assert r.status_code == 404


async def test_text_is_typed_by_its_name_and_bad_uploads_are_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await upload(client, org, b"a,b\n1,2\n", "t.csv")
    assert r.json()["data"]["content_type"] == "text/csv"
    r = await upload(client, org, b"<html><script>x</script>", "page.html")
    assert r.json()["data"]["content_type"] == "text/html"
    r = await client.get(f"{A}/{r.json()['data']['id']}/content", headers=org.headers)
    assert r.headers["content-security-policy"] == "sandbox"
    r = await client.post(A, json={"file": "x"}, headers=org.headers)
    assert r.status_code == 400
    r = await client.post(A, files={"other": ("x", b"1")}, headers=org.headers)
    assert r.status_code == 422
    assert r.json()["details"][0]["field"] == "file"


async def test_a_file_over_the_limit_is_413_and_not_kept(
    settings: Settings, factory: Factory
) -> None:
    small = build_runtime(settings.model_copy(update={"upload_max_mb": 1}))
    app = create_app(runtime=small)
    org = await factory.org()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        r = await upload(client, org, bytes(1024 * 1024 + 10))
        assert r.status_code == 413, r.text
        listed = (await client.get(A, headers=org.headers)).json()
        assert listed["total"] == 0
    files = (
        list((settings.data_dir / "files" / org.id).glob("*"))
        if (settings.data_dir / "files" / org.id).exists()
        else []
    )
    assert files == []
    await small.db.dispose()


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket="flowline")
    yield url
    server.stop()


@pytest.fixture
async def s3_app(settings: Settings, moto_url: str) -> AsyncIterator[FastAPI]:
    update = {
        "s3_bucket": "flowline",
        "s3_endpoint_url": moto_url,
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test",
    }
    runtime = build_runtime(settings.model_copy(update=update))
    yield create_app(runtime=runtime)
    await runtime.db.dispose()


async def test_s3_upload_goes_to_the_store_in_parts(
    s3_app: FastAPI, factory: Factory, moto_url: str
) -> None:
    org = await factory.org()
    data = bytes(range(256)) * (40 * 1024 + 7)  # ~10 MiB: two parts
    transport = httpx.ASGITransport(app=s3_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        r = await upload(client, org, data, "big.bin", "/api/v1/s3/upload")
        assert r.status_code == 201, r.text
        made = r.json()["data"]
        assert made["storage"] == "s3"
        r = await client.get(f"{A}/{made['id']}/download", headers=org.headers)
        assert r.content == data
        s3 = boto3.client(
            "s3",
            endpoint_url=moto_url,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        head = s3.head_object(Bucket="flowline", Key=f"{org.id}/{made['id']}")
        assert head["ContentLength"] == len(data)
        assert head["ETag"].endswith('-2"')  # a multipart upload of two parts
        r = await client.delete(f"{A}/{made['id']}", headers=org.headers)
        assert r.status_code == 204
        listed = s3.list_objects_v2(Bucket="flowline", Prefix=org.id)
        assert listed.get("KeyCount", 0) == 0


async def test_s3_upload_without_a_store_is_409(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    org = await factory.org()
    r = await upload(client, org, b"x", "x.txt", "/api/v1/s3/upload")
    assert r.status_code == 409
    assert r.json()["error"] == "S3_NOT_CONFIGURED"


async def test_bytes_gone_before_a_download_are_404_not_a_broken_stream(
    client: httpx.AsyncClient, factory: Factory, runtime: Runtime
) -> None:
    """A delete removes the row, then the bytes: a download between the two found the row
    and broke its stream after the headers (found by schema fuzzing). Now the first chunk
    is read before the answer starts."""
    org = await factory.org()
    r = await upload(client, org, PNG, "gone.png")
    assert r.status_code == 201, r.text
    made = r.json()["data"]
    async with runtime.db.session() as session:
        row = await session.get(Attachment, made["id"])
        assert row is not None
        assert row.storage_key is not None
        key = row.storage_key
    stored = [p for p in runtime.settings.data_dir.rglob("*") if p.is_file() and key in str(p)]
    assert len(stored) == 1
    stored[0].unlink()
    for path in ("content", "download"):
        r = await client.get(f"{A}/{made['id']}/{path}", headers=org.headers)
        assert r.status_code == 404, r.text
        assert r.json()["error"] == "ATTACHMENT_NOT_FOUND"
