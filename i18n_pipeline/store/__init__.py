"""Release stores: a local directory (default) or an S3-compatible bucket.

:func:`open_store` picks one from :class:`~i18n_pipeline.config.Settings`:
``store_url`` ``s3://bucket/prefix`` selects :class:`S3Store` (endpoint from
``s3_endpoint_url``), a path or nothing selects :class:`LocalStore` at
``release_path``.
"""

from __future__ import annotations

from pathlib import Path

from i18n_pipeline.config import Settings
from i18n_pipeline.store.base import CurrentPointer, ReleaseStore
from i18n_pipeline.store.local import LocalStore

__all__ = ["CurrentPointer", "LocalStore", "ReleaseStore", "open_store"]


def open_store(settings: Settings) -> ReleaseStore:
    """The release store ``settings`` name."""
    url = settings.store_url
    if url and url.startswith("s3://"):
        from i18n_pipeline.store.s3 import S3Store

        return S3Store(url, endpoint_url=settings.s3_endpoint_url)
    if url:
        return LocalStore(settings.path(Path(url.removeprefix("file://"))))
    return LocalStore(settings.release_path)
