"""A release store in an S3-compatible bucket (``s3://bucket/prefix``).

Layout under the prefix, the same as :mod:`i18n_pipeline.store.local`::

    <prefix>/current                              pointer JSON
    <prefix>/releases/<id>/manifest.json          uploaded after every file
    <prefix>/releases/<id>/<region>/<tag>/<file>  immutable objects

S3 has no directory rename, so visibility rests on the manifest: a release
is listed only once ``manifest.json`` exists, and the builder uploads it
after every file. The pointer is one object; a PUT replaces it atomically, so
readers see the old release or the new one. Unchanged files are copied
server-side from the earlier release (no bytes cross the network).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from i18n_pipeline.errors import StoreError
from i18n_pipeline.manifest import Manifest
from i18n_pipeline.store.base import (
    MANIFEST_NAME,
    RELEASE_ID,
    CurrentPointer,
    ReleaseStore,
    check_file_path,
    check_release_id,
    manifest_bytes,
    new_pointer,
    parse_manifest,
    parse_pointer,
)

log = logging.getLogger(__name__)

_ERRORS = (BotoCoreError, ClientError)
_MISSING = {"404", "NoSuchKey", "NotFound"}


def parse_s3_url(url: str) -> tuple[str, str]:
    """Bucket and key prefix (no trailing slash) of an ``s3://`` URL.

    >>> parse_s3_url("s3://releases/i18n/prod/")
    ('releases', 'i18n/prod')
    >>> parse_s3_url("s3://releases")
    ('releases', '')
    """
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise StoreError(f"invalid store url {url!r} (expected s3://bucket/prefix)")
    return parsed.netloc, parsed.path.strip("/")


def _code(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


class S3Store(ReleaseStore):
    """Releases as objects in one bucket; see the module docstring for the layout."""

    def __init__(self, url: str, *, endpoint_url: str | None = None, client: Any = None) -> None:
        self.bucket, self.prefix = parse_s3_url(url)
        self.location = url.rstrip("/")
        self.client = client or boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}),
        )

    def _key(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix, *parts) if p)

    def _release_key(self, release_id: str, path: str) -> str:
        return self._key("releases", check_release_id(release_id), check_file_path(path))

    def _fail(self, action: str, key: str, exc: Exception) -> StoreError:
        return StoreError(f"s3://{self.bucket}/{key}: cannot {action}: {exc}")

    def _get(self, key: str) -> bytes | None:
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
            return bytes(body.read())
        except _ERRORS as exc:
            if _code(exc) in _MISSING:
                return None
            raise self._fail("read", key, exc) from exc

    def _put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)
        except _ERRORS as exc:
            raise self._fail("write", key, exc) from exc

    def _head(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except _ERRORS as exc:
            if _code(exc) in _MISSING:
                return False
            raise self._fail("read", key, exc) from exc
        return True

    def put_file(self, release_id: str, path: str, data: bytes) -> None:
        self._put(self._release_key(release_id, path), data, "application/octet-stream")

    def reuse_file(self, release_id: str, path: str, source_release: str) -> bool:
        source = self._release_key(source_release, path)
        target = self._release_key(release_id, path)
        try:
            self.client.copy_object(
                Bucket=self.bucket, Key=target, CopySource={"Bucket": self.bucket, "Key": source}
            )
        except _ERRORS as exc:
            if _code(exc) in _MISSING:
                return False
            raise self._fail("copy", source, exc) from exc
        return True

    def exists(self, release_id: str, path: str) -> bool:
        return self._head(self._release_key(release_id, path))

    def get_bytes(self, release_id: str, path: str) -> bytes:
        key = self._release_key(release_id, path)
        data = self._get(key)
        if data is None:
            raise StoreError(f"s3://{self.bucket}/{key}: no such file in release {release_id!r}")
        return data

    def _release_prefixes(self) -> list[str]:
        prefix = self._key("releases") + "/"
        names: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix, Delimiter="/"
            )
            for page in pages:
                for common in page.get("CommonPrefixes", []):
                    names.append(common["Prefix"][len(prefix) :].rstrip("/"))
        except _ERRORS as exc:
            raise self._fail("list releases", prefix, exc) from exc
        return [n for n in names if RELEASE_ID.match(n)]

    def list_releases(self) -> list[str]:
        names = self._release_prefixes()
        return sorted(n for n in names if self._head(self._key("releases", n, MANIFEST_NAME)))

    def read_manifest(self, release_id: str) -> Manifest:
        key = self._key("releases", check_release_id(release_id), MANIFEST_NAME)
        data = self._get(key)
        if data is None:
            raise StoreError(f"release {release_id!r} not found in {self.location}")
        return parse_manifest(data, f"s3://{self.bucket}/{key}")

    def write_manifest(self, manifest: Manifest) -> None:
        key = self._key("releases", check_release_id(manifest.release_id), MANIFEST_NAME)
        if self._head(key):
            raise StoreError(f"s3://{self.bucket}/{key}: release already published")
        self._put(key, manifest_bytes(manifest), "application/json")
        log.info("published release %s in %s", manifest.release_id, self.location)

    def _delete_prefix(self, prefix: str) -> None:
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            for page in pages:
                keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
                if keys:
                    self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys})
        except _ERRORS as exc:
            raise self._fail("delete", prefix, exc) from exc

    def discard(self, release_id: str) -> None:
        if self._head(self._key("releases", check_release_id(release_id), MANIFEST_NAME)):
            raise StoreError(f"release {release_id!r} is published; use delete_release")
        self._delete_prefix(self._key("releases", release_id) + "/")

    def discard_stale(self, older_than: timedelta) -> list[str]:
        cutoff = datetime.now(UTC) - older_than
        published = set(self.list_releases())
        dropped = []
        for release in self._release_prefixes():
            if release in published or self._newest_object(release) >= cutoff:
                continue
            self._delete_prefix(self._key("releases", release) + "/")
            dropped.append(release)
        return dropped

    def _newest_object(self, release_id: str) -> datetime:
        prefix = self._key("releases", release_id) + "/"
        newest = datetime.min.replace(tzinfo=UTC)
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            for page in pages:
                for obj in page.get("Contents", []):
                    newest = max(newest, obj["LastModified"])
        except _ERRORS as exc:
            raise self._fail("list", prefix, exc) from exc
        return newest

    def current(self) -> CurrentPointer | None:
        key = self._key("current")
        data = self._get(key)
        return None if data is None else parse_pointer(data, f"s3://{self.bucket}/{key}")

    def set_current(self, release_id: str) -> CurrentPointer:
        if not self._head(self._key("releases", check_release_id(release_id), MANIFEST_NAME)):
            raise StoreError(f"release {release_id!r} not found in {self.location}")
        pointer = new_pointer(release_id)
        self._put(self._key("current"), pointer.to_bytes(), "application/json")
        log.info("current release is now %s", release_id)
        return pointer

    def delete_release(self, release_id: str) -> None:
        self._require_not_current(release_id)
        manifest_key = self._key("releases", check_release_id(release_id), MANIFEST_NAME)
        if not self._head(manifest_key):
            raise StoreError(f"release {release_id!r} not found in {self.location}")
        # The manifest goes first: from then on the release is not listed.
        try:
            self.client.delete_object(Bucket=self.bucket, Key=manifest_key)
        except _ERRORS as exc:
            raise self._fail("delete", manifest_key, exc) from exc
        self._delete_prefix(self._key("releases", release_id) + "/")

    def open_url(self, release_id: str, path: str, *, expires_in: int = 3600) -> str:
        key = self._release_key(release_id, path)
        try:
            url: str = self.client.generate_presigned_url(
                "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=expires_in
            )
        except _ERRORS as exc:
            raise self._fail("sign a URL for", key, exc) from exc
        return url
