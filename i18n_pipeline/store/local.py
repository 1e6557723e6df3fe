"""A release store in a local directory (the default, ``Settings.release_path``).

Layout::

    <root>/current                       pointer JSON {release_id, activated_at}
    <root>/releases/<id>/manifest.json   the manifest, written last
    <root>/releases/<id>/<region>/<tag>/<file>   immutable, read-only files
    <root>/.staging/<id>/                a release being written (never listed)

A release is assembled under ``.staging`` and moved into ``releases/`` with
one directory rename once its manifest is written, so a crash at any point
leaves either no trace in ``releases/`` or a complete release; ``.staging``
itself is removed whenever it is left empty. The pointer is replaced with
``os.replace`` after an fsync. Unchanged files are hardlinked from an earlier
release instead of written again. Every published file is read-only (0444):
files are written that way, and publishing re-seals any that are not, because
a hardlinked file is shared by every release that holds it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
import uuid
from datetime import timedelta
from pathlib import Path

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

_READ_ONLY = 0o444


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_dirs(path: Path) -> None:
    """``mkdir -p``, retried: another process may remove an empty ``.staging`` meanwhile."""
    for _attempt in range(2):
        with contextlib.suppress(FileNotFoundError):
            path.mkdir(parents=True, exist_ok=True)
            return
    path.mkdir(parents=True, exist_ok=True)


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, fsync it and make it read-only."""
    _make_dirs(path.parent)
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    path.chmod(_READ_ONLY)


def _seal(directory: Path) -> None:
    """Make every file under ``directory`` read-only, before it is published."""
    for parent, _dirs, names in os.walk(directory):
        for name in names:
            path = Path(parent, name)
            if path.stat().st_mode & 0o222:
                log.warning("%s was writable; making it read-only before publishing", path)
                path.chmod(_READ_ONLY)


class LocalStore(ReleaseStore):
    """Releases in a directory tree; see the module docstring for the layout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)
        self.releases = root / "releases"
        self.staging = root / ".staging"
        self.pointer = root / "current"

    def _published(self, release_id: str) -> Path:
        return self.releases / check_release_id(release_id)

    def _staged(self, release_id: str) -> Path:
        return self.staging / check_release_id(release_id)

    def put_file(self, release_id: str, path: str, data: bytes) -> None:
        target = self._staged(release_id) / check_file_path(path)
        try:
            _write_new(target, data)
        except FileExistsError:
            raise StoreError(f"{target}: already staged; a release file is written once") from None
        except OSError as exc:
            raise StoreError(f"{target}: cannot write release file: {exc.strerror}") from exc

    def reuse_file(self, release_id: str, path: str, source_release: str) -> bool:
        source = self._published(source_release) / check_file_path(path)
        target = self._staged(release_id) / path
        try:
            _make_dirs(target.parent)
            os.link(source, target)
        except FileNotFoundError:
            return False
        except OSError as exc:
            # Another filesystem or no hardlink support: the caller writes the bytes.
            log.debug("cannot hardlink %s: %s", source, exc)
            return False
        return True

    def exists(self, release_id: str, path: str) -> bool:
        return (self._published(release_id) / check_file_path(path)).is_file()

    def get_bytes(self, release_id: str, path: str) -> bytes:
        target = self._published(release_id) / check_file_path(path)
        try:
            return target.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"{target}: no such file in release {release_id!r}") from None
        except OSError as exc:
            raise StoreError(f"{target}: cannot read: {exc.strerror}") from exc

    def list_releases(self) -> list[str]:
        try:
            names = [p.name for p in self.releases.iterdir()] if self.releases.exists() else []
        except OSError as exc:
            raise StoreError(f"{self.releases}: cannot list releases: {exc.strerror}") from exc
        return sorted(
            name
            for name in names
            if RELEASE_ID.match(name) and (self.releases / name / MANIFEST_NAME).is_file()
        )

    def read_manifest(self, release_id: str) -> Manifest:
        path = self._published(release_id) / MANIFEST_NAME
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"release {release_id!r} not found in {self.location}") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror}") from exc
        return parse_manifest(data, str(path))

    def write_manifest(self, manifest: Manifest) -> None:
        staged = self._staged(manifest.release_id)
        final = self._published(manifest.release_id)
        if final.exists():
            raise StoreError(f"{final}: release already published; releases are immutable")
        try:
            _seal(staged)
            _write_new(staged / MANIFEST_NAME, manifest_bytes(manifest))
            self.releases.mkdir(parents=True, exist_ok=True)
            os.rename(staged, final)
            _fsync_dir(self.releases)
        except OSError as exc:
            raise StoreError(f"{final}: cannot publish release: {exc.strerror}") from exc
        self._drop_empty_staging()
        log.info("published release %s in %s", manifest.release_id, self.location)

    def discard(self, release_id: str) -> None:
        staged = self._staged(release_id)
        shutil.rmtree(staged, ignore_errors=True)
        self._drop_empty_staging()

    def discard_stale(self, older_than: timedelta) -> list[str]:
        if not self.staging.is_dir():
            return []
        cutoff = time.time() - older_than.total_seconds()
        dropped = []
        for entry in sorted(self.staging.iterdir()):
            if entry.is_dir() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
                dropped.append(entry.name)
        self._drop_empty_staging()
        return dropped

    def _drop_empty_staging(self) -> None:
        """Remove ``.staging`` when nothing is being written, so no empty directory lingers."""
        # Fails harmlessly when a build is writing there, it is gone, or it is not a directory.
        with contextlib.suppress(OSError):
            self.staging.rmdir()

    def current(self) -> CurrentPointer | None:
        try:
            data = self.pointer.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.pointer}: cannot read: {exc.strerror}") from exc
        return parse_pointer(data, str(self.pointer))

    def set_current(self, release_id: str) -> CurrentPointer:
        if not (self._published(release_id) / MANIFEST_NAME).is_file():
            raise StoreError(f"release {release_id!r} not found in {self.location}")
        pointer = new_pointer(release_id)
        tmp = self.root / f".current.{uuid.uuid4().hex}.tmp"
        try:
            _write_new(tmp, pointer.to_bytes())
            os.replace(tmp, self.pointer)
            _fsync_dir(self.root)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"{self.pointer}: cannot move the pointer: {exc.strerror}") from exc
        log.info("current release is now %s", release_id)
        return pointer

    def delete_release(self, release_id: str) -> None:
        self._require_not_current(release_id)
        final = self._published(release_id)
        if not final.exists():
            raise StoreError(f"release {release_id!r} not found in {self.location}")
        # Rename first so no half-deleted release is ever listed.
        trash = self.staging / f"deleted-{release_id}-{uuid.uuid4().hex[:8]}"
        try:
            self.staging.mkdir(parents=True, exist_ok=True)
            os.rename(final, trash)
        except OSError as exc:
            raise StoreError(f"{final}: cannot delete release: {exc.strerror}") from exc
        shutil.rmtree(trash)
        self._drop_empty_staging()

    def open_url(self, release_id: str, path: str) -> str:
        target = self._published(release_id) / check_file_path(path)
        if not target.is_file():
            raise StoreError(f"{target}: no such file in release {release_id!r}")
        return target.resolve().as_uri()
