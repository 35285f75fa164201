"""Any S3-compatible store (AWS S3, MinIO, Ceph, R2, …) through boto3, the official SDK.

boto3 is synchronous: each call runs in a worker thread. Writes are multipart
uploads of 8 MiB parts (one ``PutObject`` for a small object), reads are the
object's body in 1 MiB chunks, so memory stays flat whatever the size.

boto3 speaks HTTP through its own urllib3 pool, not ``flowline.outbound``; the
network policy is applied to it before the first call: the endpoint's URL and
every address its host resolves to must pass ``NetworkPolicy`` (a private
address needs ``FLOWLINE_ALLOW_HOSTS``, as for any outbound call).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from flowline.attachments.storage import CHUNK, StorageUnavailable, Writer
from flowline.outbound.policy import NetworkPolicy, SystemResolver, checked_addresses

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

PART = 8 * 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class S3Settings:
    bucket: str
    endpoint_url: str | None
    region: str
    access_key_id: str | None
    secret_access_key: str | None

    @property
    def url(self) -> str:
        return self.endpoint_url or f"https://s3.{self.region}.amazonaws.com"


def _failed(exc: Exception) -> StorageUnavailable:
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "error")
        return StorageUnavailable(f"The S3 store answered {code}.")
    return StorageUnavailable(f"The S3 store cannot be reached ({type(exc).__name__}).")


class S3Storage:
    name = "s3"

    def __init__(self, settings: S3Settings, policy: NetworkPolicy) -> None:
        self.settings = settings
        self.policy = policy
        self._client: S3Client | None = None
        self._checked = asyncio.Lock()

    async def client(self) -> S3Client:
        """The client, made once the endpoint has passed the network policy."""
        async with self._checked:
            if self._client is None:
                target = self.policy.check_url(self.settings.url)
                await checked_addresses(
                    self.policy, SystemResolver(), target.host, target.port, 10.0
                )
                self._client = boto3.client(
                    "s3",
                    endpoint_url=self.settings.endpoint_url,
                    region_name=self.settings.region,
                    aws_access_key_id=self.settings.access_key_id,
                    aws_secret_access_key=self.settings.secret_access_key,
                    config=Config(
                        s3={"addressing_style": "path"},
                        retries={"max_attempts": 3, "mode": "standard"},
                        connect_timeout=10,
                        read_timeout=60,
                    ),
                )
            return self._client

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except (BotoCoreError, ClientError) as exc:
            raise _failed(exc) from None

    async def writer(self, key: str, content_type: str) -> Writer:
        return _S3Writer(self, await self.client(), key, content_type)

    async def read(self, key: str) -> AsyncIterator[bytes]:
        client = await self.client()
        answer = await self.call(client.get_object, Bucket=self.settings.bucket, Key=key)
        body = answer["Body"]
        chunks = body.iter_chunks(CHUNK)
        try:
            while chunk := await self.call(next, chunks, b""):
                yield chunk
        finally:
            body.close()

    async def delete(self, key: str) -> None:
        client = await self.client()
        await self.call(client.delete_object, Bucket=self.settings.bucket, Key=key)


class _S3Writer:
    """Parts of :data:`PART` bytes; the multipart upload starts with the first full part."""

    def __init__(self, storage: S3Storage, client: S3Client, key: str, content_type: str):
        self.storage = storage
        self.client = client
        self.where = {"Bucket": storage.settings.bucket, "Key": key}
        self.content_type = content_type
        self.buffer = bytearray()
        self.upload_id: str | None = None
        self.parts: list[dict[str, Any]] = []

    async def write(self, chunk: bytes) -> None:
        self.buffer += chunk
        while len(self.buffer) >= PART:
            await self._part(bytes(self.buffer[:PART]))
            del self.buffer[:PART]

    async def _part(self, data: bytes) -> None:
        if self.upload_id is None:
            started = await self.storage.call(
                self.client.create_multipart_upload, ContentType=self.content_type, **self.where
            )
            self.upload_id = started["UploadId"]
        number = len(self.parts) + 1
        sent = await self.storage.call(
            self.client.upload_part,
            Body=data,
            PartNumber=number,
            UploadId=self.upload_id,
            **self.where,
        )
        self.parts.append({"ETag": sent["ETag"], "PartNumber": number})

    async def commit(self) -> None:
        if self.upload_id is None:
            await self.storage.call(
                self.client.put_object,
                Body=bytes(self.buffer),
                ContentType=self.content_type,
                **self.where,
            )
            return
        if self.buffer:
            await self._part(bytes(self.buffer))
            self.buffer.clear()
        await self.storage.call(
            self.client.complete_multipart_upload,
            UploadId=self.upload_id,
            MultipartUpload={"Parts": self.parts},
            **self.where,
        )

    async def abort(self) -> None:
        self.buffer.clear()
        if self.upload_id is not None:
            await self.storage.call(
                self.client.abort_multipart_upload, UploadId=self.upload_id, **self.where
            )
