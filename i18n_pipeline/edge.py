"""Edge mirrors: pull the current release from a regional API node, verify it, switch.

:func:`sync_edge` reads ``GET /v1/manifest`` from the source, then fetches
only the files the mirror lacks (``GET /v1/releases/<id>/<path>``): a file
an earlier mirrored release already holds under the same content-hashed path
is hardlinked instead. Every downloaded file is checked against the SHA-256
and size in the manifest before it is staged. The mirror is a
:class:`~i18n_pipeline.store.local.LocalStore` directory, so the release is
published by one directory rename and ``current`` moves by one atomic
replace; the API serves the mirror with ``I18N_STORE_URL=<dest>``. A
partial, corrupt or interrupted download is discarded and never becomes
current. After a switch, mirrored releases beyond the ``keep`` newest are
deleted (never the current one); files they shared with kept releases stay,
since they are hardlinks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.errors import PipelineError
from i18n_pipeline.manifest import FileEntry, Manifest
from i18n_pipeline.store.base import (
    check_file_path,
    check_release_id,
    files_by_path,
    parse_manifest,
)
from i18n_pipeline.store.local import LocalStore

log = logging.getLogger(__name__)

#: ``progress(done, total)`` as files are checked.
SyncProgress = Callable[[int, int], None]


class EdgeSyncError(PipelineError):
    """The source could not be read or sent something that does not match its manifest."""


@dataclass
class SyncResult:
    """What one sync did."""

    release_id: str
    previous_release_id: str | None
    downloaded: list[str] = field(default_factory=list)
    linked: int = 0
    bytes_downloaded: int = 0
    switched: bool = False
    pruned: list[str] = field(default_factory=list)


def _no_progress(done: int, total: int) -> None:
    return None


def _get(client: httpx.Client, url: str) -> bytes:
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise EdgeSyncError(f"cannot fetch {url}: {exc}") from exc
    if response.status_code != 200:
        raise EdgeSyncError(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
    return response.content


def _local_files(store: LocalStore) -> dict[str, str]:
    """Path -> a mirrored release holding it, newest first."""
    return files_by_path(store, reversed(store.list_releases()), "edge sync")


def _fetch_verified(client: httpx.Client, source: str, release_id: str, entry: FileEntry) -> bytes:
    url = f"{source}/v1/releases/{release_id}/{check_file_path(entry.path)}"
    data = _get(client, url)
    if len(data) != entry.size or sha256_hex(data) != entry.sha256:
        raise EdgeSyncError(
            f"{url}: {len(data)} bytes with sha256 {sha256_hex(data)[:12]}..., the manifest says "
            f"{entry.size} bytes and {entry.sha256[:12]}...; not mirrored"
        )
    return data


def sync_edge(
    source: str,
    dest: Path,
    *,
    client: httpx.Client | None = None,
    progress: SyncProgress | None = None,
    keep: int = 3,
) -> SyncResult:
    """Mirror the release ``source`` serves into ``dest`` and make it current there."""
    if keep < 1:
        raise EdgeSyncError(f"keep must be at least 1, not {keep}")
    source = source.rstrip("/")
    report = progress or _no_progress
    store = LocalStore(dest)
    own_client = client is None
    http = client or httpx.Client(timeout=30.0, follow_redirects=False)
    try:
        manifest = parse_manifest(_get(http, f"{source}/v1/manifest"), f"{source}/v1/manifest")
        release_id = check_release_id(manifest.release_id)
        pointer = store.current()
        result = SyncResult(release_id, pointer.release_id if pointer else None)
        if not store.has_release(release_id):
            _mirror(http, source, store, manifest, result, report)
    finally:
        if own_client:
            http.close()
    if result.previous_release_id != release_id:
        store.set_current(release_id)
        result.switched = True
        result.pruned = _prune(store, keep)
    log.info(
        "edge %s: release %s, %d downloaded (%d bytes), %d linked",
        dest,
        release_id,
        len(result.downloaded),
        result.bytes_downloaded,
        result.linked,
    )
    return result


def _prune(store: LocalStore, keep: int) -> list[str]:
    releases = store.list_releases()
    pointer = store.current()
    kept = set(releases[-keep:]) | ({pointer.release_id} if pointer else set())
    doomed = [release for release in releases if release not in kept]
    for release in doomed:
        store.delete_release(release)
    return doomed


def _mirror(
    http: httpx.Client,
    source: str,
    store: LocalStore,
    manifest: Manifest,
    result: SyncResult,
    report: SyncProgress,
) -> None:
    release_id = manifest.release_id
    have = _local_files(store)
    entries = manifest.files()
    store.discard(release_id)  # leftovers of an interrupted sync of the same release
    try:
        for done, entry in enumerate(entries, start=1):
            holder = have.get(entry.path)
            if holder is not None and store.reuse_file(release_id, entry.path, holder):
                result.linked += 1
            else:
                data = _fetch_verified(http, source, release_id, entry)
                store.put_file(release_id, entry.path, data)
                result.downloaded.append(entry.path)
                result.bytes_downloaded += len(data)
            report(done, len(entries))
        store.write_manifest(manifest)
    except BaseException:
        store.discard(release_id)
        raise
