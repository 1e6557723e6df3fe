"""The loaded release: every file's bytes, ETags and compressed forms, swapped atomically.

A :class:`ReleaseSnapshot` is built once per release (files read from the
store, each checked against its manifest SHA-256, compressed, headers
prepared) and never changed afterwards. :class:`ReleaseHolder` keeps the one
being served; when the ``current`` pointer moves it builds the next snapshot
beside the old one and swaps a single reference. A request takes the
snapshot once at its start, so it finishes on the release it began with even
if a switch happens meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from api.caching import CachePolicy, Content, Headers, Resource, compress, make_resource
from api.errors import ApiError
from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.compliance.index import RuleIndex
from i18n_pipeline.compliance.loader import ruleset_from_json
from i18n_pipeline.errors import PipelineError, ReleaseError, StoreError
from i18n_pipeline.manifest import FileEntry, Manifest
from i18n_pipeline.store.base import CurrentPointer, ReleaseStore, manifest_bytes

log = logging.getLogger(__name__)

MEDIA_TYPES = {
    "i18next": "application/json; charset=utf-8",
    "gettext": "application/json; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "mo": "application/octet-stream",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
_MEMO_LIMIT = 8192
_OTHER_FILES_LIMIT = 256
_READERS = 8


def media_type(fmt: str) -> str:
    """The Content-Type of a release file of format ``fmt``.

    >>> media_type("mo"), media_type("md")
    ('application/octet-stream', 'text/markdown; charset=utf-8')
    """
    return MEDIA_TYPES.get(fmt, "application/octet-stream")


def json_body(data: Any) -> bytes:
    """Compact, deterministic UTF-8 JSON.

    >>> json_body({"b": 1, "a": "é"})
    b'{"a":"\\xc3\\xa9","b":1}'
    """
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def content_tag(body: bytes) -> str:
    """A strong ETag value for computed bodies: the first 32 hex digits of their SHA-256."""
    return hashlib.sha256(body).hexdigest()[:32]


@dataclass
class ReleaseSnapshot:
    """One release prepared for serving; immutable once built (the memo only grows)."""

    release_id: str
    manifest: Manifest
    activated_at: datetime | None
    policy: CachePolicy
    files: dict[str, Resource]
    entries: dict[str, FileEntry]
    packed: dict[str, tuple[bytes | None, bytes | None]]
    manifest_resource: Resource
    rules: RuleIndex | None
    _memo: dict[Hashable, Resource | ApiError] = field(default_factory=dict)

    def shipped(self, region: str) -> list[str]:
        """Tags of ``region`` that ship files, in manifest order."""
        entry = self.manifest.regions[region]
        return [tag for tag, locale in entry.locales.items() if locale.files]

    def body(self, path: str) -> bytes:
        return self.files[path].body

    def derived(
        self,
        path: str,
        content: Content,
        extra: Headers | None = None,
        vary: str = "Accept-Encoding",
    ) -> Resource:
        """A release file served under another URL: its bytes, other headers."""
        entry = self.entries[path]
        return make_resource(
            self.body(path),
            media_type(entry.format),
            self.policy.header(content),
            entry.sha256[:32],
            extra=extra,
            vary=vary,
            packed=self.packed[path],
        )

    def json_resource(self, data: Any, content: Content, vary: str = "Accept-Encoding") -> Resource:
        body = json_body(data)
        return make_resource(
            body, MEDIA_TYPES["json"], self.policy.header(content), content_tag(body), vary=vary
        )

    def memo(self, key: Hashable, build: Callable[[], Resource]) -> Resource:
        """``build()`` once per key for this release; an :class:`ApiError` is remembered too."""
        found = self._memo.get(key)
        if found is None:
            try:
                found = build()
            except ApiError as exc:
                found = exc
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[key] = found
        if isinstance(found, ApiError):
            raise found
        return found


def _read_verified(store: ReleaseStore, release_id: str, entry: FileEntry) -> bytes:
    data = store.get_bytes(release_id, entry.path)
    if len(data) != entry.size or sha256_hex(data) != entry.sha256:
        raise ReleaseError(
            f"release {release_id!r}: {entry.path!r} does not match the sha256 and size in its "
            "manifest; run `i18n release verify`"
        )
    return data


def load_snapshot(
    store: ReleaseStore, pointer: CurrentPointer, policy: CachePolicy
) -> ReleaseSnapshot:
    """Read, verify and prepare every file of the release ``pointer`` names."""
    release_id = pointer.release_id
    manifest = store.read_manifest(release_id)
    entries = {entry.path: entry for entry in manifest.files()}

    def prepare(entry: FileEntry) -> tuple[str, bytes, tuple[bytes | None, bytes | None]]:
        data = _read_verified(store, release_id, entry)
        return entry.path, data, compress(data)

    with ThreadPoolExecutor(_READERS) as pool:
        loaded = list(pool.map(prepare, entries.values()))
    immutable = policy.header(Content.RELEASE_FILE)
    files: dict[str, Resource] = {}
    packed: dict[str, tuple[bytes | None, bytes | None]] = {}
    for path, data, variants in loaded:
        entry = entries[path]
        packed[path] = variants
        files[path] = make_resource(
            data, media_type(entry.format), immutable, entry.sha256[:32], packed=variants
        )
    rules = None
    if manifest.rules is not None:
        rules = RuleIndex(ruleset_from_json(files[manifest.rules.path].body, manifest.rules.path))
    body = manifest_bytes(manifest)
    manifest_resource = make_resource(
        body, MEDIA_TYPES["json"], policy.header(Content.MANIFEST), content_tag(body)
    )
    log.info("loaded release %s: %d files", release_id, len(files))
    return ReleaseSnapshot(
        release_id=release_id,
        manifest=manifest,
        activated_at=pointer.activated_at,
        policy=policy,
        files=files,
        entries=entries,
        packed=packed,
        manifest_resource=manifest_resource,
        rules=rules,
    )


class ReleaseHolder:
    """The snapshot being served, and the switch to the next one."""

    def __init__(self, store: ReleaseStore, policy: CachePolicy) -> None:
        self.store = store
        self.policy = policy
        self._snapshot: ReleaseSnapshot | None = None
        self._loading = threading.Lock()
        self._others: OrderedDict[tuple[str, str], Resource] = OrderedDict()
        self._others_lock = threading.Lock()
        self.last_error: str | None = None
        self.listeners: list[Callable[[ReleaseSnapshot], None]] = []

    @property
    def current(self) -> ReleaseSnapshot | None:
        return self._snapshot

    @property
    def snapshot(self) -> ReleaseSnapshot:
        """The snapshot to answer from; 503 before any release is active."""
        snapshot = self._snapshot
        if snapshot is None:
            raise ApiError(
                503,
                "no_release",
                f"no release is active in {self.store.location}; build one with "
                "`i18n release build` or activate one",
            )
        return snapshot

    def refresh(self) -> bool:
        """Load the release ``current`` names if it is not the one served; True on a switch.

        A release that cannot be loaded (missing or altered files) is not
        served; the previous snapshot stays and the error is kept in
        :attr:`last_error` for ``/healthz``.
        """
        with self._loading:
            try:
                pointer = self.store.current()
                served = self._snapshot
                if pointer is None or (served and served.release_id == pointer.release_id):
                    return False
                snapshot = load_snapshot(self.store, pointer, self.policy)
            except PipelineError as exc:
                self.last_error = str(exc)
                log.error("release not loaded, still serving the previous one: %s", exc)
                return False
            self._snapshot = snapshot
            self.last_error = None
        for listener in self.listeners:
            listener(snapshot)
        return True

    def other_file(self, release_id: str, path: str) -> Resource:
        """A file of a published release that is not the one served (clients of the old one)."""
        key = (release_id, path)
        with self._others_lock:
            found = self._others.get(key)
            if found is not None:
                self._others.move_to_end(key)
                return found
        try:
            manifest = self.store.read_manifest(release_id)
            entry = next((e for e in manifest.files() if e.path == path), None)
            if entry is None:
                raise ApiError(404, "unknown_file", f"release {release_id!r} has no file {path!r}")
            data = _read_verified(self.store, release_id, entry)
        except StoreError:
            raise ApiError(404, "unknown_release", f"no release {release_id!r} here") from None
        resource = make_resource(
            data,
            media_type(entry.format),
            self.policy.header(Content.RELEASE_FILE),
            entry.sha256[:32],
        )
        with self._others_lock:
            self._others[key] = resource
            while len(self._others) > _OTHER_FILES_LIMIT:
                self._others.popitem(last=False)
        return resource
