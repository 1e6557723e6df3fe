"""The interface every release store implements, and the pointer it keeps.

A store holds published releases and one pointer, ``current``, naming the
release clients are served. Its contract, which the builder and the API rely
on, is the same for every backend:

* a release becomes visible (:meth:`ReleaseStore.list_releases`) only when
  :meth:`ReleaseStore.write_manifest` has stored its ``manifest.json``, and
  the builder calls that only after every file of the release is in place;
* files are written once and never changed: a published release is immutable;
* :meth:`ReleaseStore.set_current` replaces the pointer in one atomic step,
  so a reader sees the old release or the new one, never a mix.
"""

from __future__ import annotations

import json
import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict, ValidationError

from i18n_pipeline.errors import StoreError
from i18n_pipeline.manifest import Manifest

#: A release id: ``20261203T201800123Z-0123456789`` (UTC time to the millisecond, then
#: inputs hash); ids without milliseconds, from earlier builds, are still accepted.
RELEASE_ID = re.compile(r"^\d{8}T\d{6}(?:\d{3})?Z-[0-9a-f]{10}$")

MANIFEST_NAME = "manifest.json"

log = logging.getLogger(__name__)


class CurrentPointer(BaseModel):
    """What the ``current`` pointer holds: the release served and since when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    release_id: str
    activated_at: datetime

    def to_bytes(self) -> bytes:
        """The pointer as JSON bytes, as stored."""
        return (self.model_dump_json(indent=2) + "\n").encode()


def new_pointer(release_id: str) -> CurrentPointer:
    """A pointer to ``release_id`` activated now (UTC)."""
    return CurrentPointer(release_id=release_id, activated_at=datetime.now(UTC))


class ManifestUnreadable(StoreError):
    """A stored manifest that is not valid JSON or not a valid manifest.

    ``reason`` is one short line (no pydantic boilerplate), so a listing can
    show it next to the release id; ``str(error)`` also names ``where``.
    """

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: the manifest is invalid: {reason}")


def validation_summary(exc: ValidationError) -> str:
    """One line for a pydantic error: the first problem, where it is, and how many more.

    >>> try:
    ...     Manifest.model_validate_json(b"{")
    ... except ValidationError as exc:
    ...     print(validation_summary(exc))
    invalid JSON: EOF while parsing an object at line 1 column 1
    >>> try:
    ...     CurrentPointer.model_validate({"release_id": 3})
    ... except ValidationError as exc:
    ...     print(validation_summary(exc))
    release_id: input should be a valid string (and 1 more problem)
    """
    problems = exc.errors(include_url=False)
    first = problems[0]
    message = str(first["msg"])
    if first["type"] == "json_invalid":
        text = "invalid JSON: " + message.removeprefix("Invalid JSON: ")
    else:
        where = ".".join(str(part) for part in first["loc"])
        message = message[:1].lower() + message[1:]
        text = f"{where}: {message}" if where else message
    more = len(problems) - 1
    if more:
        text += f" (and {more} more problem{'s' if more > 1 else ''})"
    return text


def parse_pointer(data: bytes, where: str) -> CurrentPointer:
    """Parse pointer bytes; a damaged pointer is a :class:`StoreError` naming ``where``."""
    try:
        return CurrentPointer.model_validate(json.loads(data))
    except ValidationError as exc:
        reason = validation_summary(exc)
        raise StoreError(f"{where}: the current pointer is unreadable: {reason}") from exc
    except (ValueError, TypeError) as exc:
        raise StoreError(f"{where}: the current pointer is unreadable: {exc}") from exc


def parse_manifest(data: bytes, where: str) -> Manifest:
    """Parse manifest bytes; invalid JSON or schema is :class:`ManifestUnreadable`."""
    try:
        return Manifest.model_validate_json(data)
    except ValidationError as exc:
        raise ManifestUnreadable(where, validation_summary(exc)) from exc


def manifest_bytes(manifest: Manifest) -> bytes:
    """The canonical JSON form of ``manifest`` (sorted by construction, 2-space indent)."""
    return (manifest.model_dump_json(indent=2) + "\n").encode()


def check_release_id(release_id: str) -> str:
    """Refuse ids that could escape the store layout.

    >>> check_release_id("20261203T201800Z-0123456789abcdef"[:27])
    '20261203T201800Z-0123456789'
    >>> check_release_id("../etc")
    Traceback (most recent call last):
    ...
    i18n_pipeline.errors.StoreError: invalid release id '../etc' (expected <UTC time>Z-<10 hex>)
    """
    if not RELEASE_ID.match(release_id):
        raise StoreError(f"invalid release id {release_id!r} (expected <UTC time>Z-<10 hex>)")
    return release_id


def check_file_path(path: str) -> str:
    """Refuse file paths that are absolute or climb out of the release.

    >>> check_file_path("apac/zh-Hans/messages.0123456789ab.json")
    'apac/zh-Hans/messages.0123456789ab.json'
    >>> check_file_path("../current")
    Traceback (most recent call last):
    ...
    i18n_pipeline.errors.StoreError: invalid file path '../current' inside a release
    """
    parts = path.split("/")
    if not path or path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise StoreError(f"invalid file path {path!r} inside a release")
    return path


class ReleaseStore(ABC):
    """Where releases live. Every method raises :class:`StoreError` on failure."""

    #: Printable location, e.g. ``/srv/releases`` or ``s3://bucket/prefix``.
    location: str

    @abstractmethod
    def put_file(self, release_id: str, path: str, data: bytes) -> None:
        """Store one file of an unpublished release."""

    @abstractmethod
    def reuse_file(self, release_id: str, path: str, source_release: str) -> bool:
        """Give ``release_id`` the identical file ``path`` of ``source_release`` without
        sending its bytes again (hardlink, server-side copy). False if it cannot."""

    @abstractmethod
    def exists(self, release_id: str, path: str) -> bool:
        """Whether the published release holds ``path``."""

    @abstractmethod
    def get_bytes(self, release_id: str, path: str) -> bytes:
        """The bytes of ``path`` in a published release."""

    @abstractmethod
    def list_releases(self) -> list[str]:
        """Ids of published releases, oldest first (ids sort by time)."""

    @abstractmethod
    def read_manifest(self, release_id: str) -> Manifest:
        """The manifest of a published release."""

    @abstractmethod
    def write_manifest(self, manifest: Manifest) -> None:
        """Publish a release: its files must all be stored already."""

    @abstractmethod
    def discard(self, release_id: str) -> None:
        """Drop what was stored for an unpublished release (after a failed build)."""

    @abstractmethod
    def discard_stale(self, older_than: timedelta) -> list[str]:
        """Drop unpublished releases (killed builds) untouched for ``older_than``; their ids."""

    @abstractmethod
    def current(self) -> CurrentPointer | None:
        """The pointer, or None before the first activation."""

    @abstractmethod
    def set_current(self, release_id: str) -> CurrentPointer:
        """Point ``current`` at a published release, atomically."""

    @abstractmethod
    def delete_release(self, release_id: str) -> None:
        """Remove a published release; refused for the current one."""

    @abstractmethod
    def open_url(self, release_id: str, path: str) -> str:
        """A URL a client can fetch ``path`` from (``file://`` or a presigned https URL)."""

    def has_release(self, release_id: str) -> bool:
        """Whether ``release_id`` is published in this store."""
        return release_id in self.list_releases()

    def _require_not_current(self, release_id: str) -> None:
        pointer = self.current()
        if pointer is not None and pointer.release_id == release_id:
            raise StoreError(f"release {release_id!r} is current; activate another one first")


def files_by_path(store: ReleaseStore, release_ids: Iterable[str], purpose: str) -> dict[str, str]:
    """File path -> the first of ``release_ids`` whose manifest lists it.

    Paths carry their content hash, so any release listing a path holds the
    same bytes there; callers use this to reuse files instead of writing or
    downloading them again. Reuse only saves work, so an unreadable manifest
    is skipped with a warning naming ``purpose`` rather than raised.
    """
    found: dict[str, str] = {}
    for release in release_ids:
        try:
            manifest = store.read_manifest(release)
        except StoreError as exc:
            log.warning("%s: skipping files of release %s: %s", purpose, release, exc)
            continue
        for entry in manifest.files():
            found.setdefault(entry.path, release)
    return found
