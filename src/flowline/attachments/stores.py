"""The storage backends of this process, by name, made on first use."""

from __future__ import annotations

from flowline.attachments.storage import LocalStorage, Storage
from flowline.config import Settings
from flowline.errors import Conflict
from flowline.outbound.policy import NetworkPolicy

_STORES: dict[tuple[int, str], Storage] = {}


def storage_for(settings: Settings, name: str | None = None) -> Storage:
    """The backend called ``name`` (default: ``FLOWLINE_STORAGE``), made once per settings.

    ``s3`` without ``FLOWLINE_S3_BUCKET`` is ``409 S3_NOT_CONFIGURED``.
    """
    name = name or settings.storage
    key = (id(settings), name)
    found = _STORES.get(key)
    if found is not None:
        return found
    store: Storage
    if name == "s3":
        if not settings.s3_bucket:
            raise Conflict(
                "No S3-compatible store is configured (FLOWLINE_S3_BUCKET and, for "
                "another store than AWS, FLOWLINE_S3_ENDPOINT_URL).",
                code="S3_NOT_CONFIGURED",
            )
        # boto3 loads with the first S3 store, not at start-up (memory, start time).
        from flowline.attachments.s3 import S3Settings, S3Storage

        config = S3Settings(
            bucket=settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key,
        )
        store = S3Storage(config, NetworkPolicy(settings.allow_hosts))
    else:
        store = LocalStorage(settings.data_dir / "files")
    _STORES[key] = store
    return store
