"""Operations on published releases: list, verify, prune."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from i18n_pipeline import db
from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import ReleaseError, StoreError
from i18n_pipeline.manifest import Manifest
from i18n_pipeline.store.base import ManifestUnreadable, ReleaseStore

log = logging.getLogger(__name__)

#: Age after which an unpublished release is a dead build's leftover, not a running one.
STALE_AFTER = timedelta(hours=1)


@dataclass
class VerifyReport:
    """What re-hashing a release found; ``ok`` when nothing is missing or altered."""

    release_id: str
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    tampered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.tampered

    def summary(self, limit: int = 10) -> str:
        """The bad files by name (at most ``limit`` of them), for an error message.

        >>> VerifyReport("r", 3, missing=["a.mo"], tampered=["b.json"]).summary()
        "1 missing ('a.mo'), 1 altered ('b.json') of 3 files"
        """
        parts = []
        for label, paths in (("missing", self.missing), ("altered", self.tampered)):
            if paths:
                names = ", ".join(repr(p) for p in paths[:limit])
                more = f" and {len(paths) - limit} more" if len(paths) > limit else ""
                parts.append(f"{len(paths)} {label} ({names}{more})")
        return f"{', '.join(parts) or 'nothing wrong'} of {self.checked} files"


@dataclass(frozen=True)
class ListedRelease:
    """A published release and its manifest, or why the manifest cannot be read."""

    release_id: str
    manifest: Manifest | None
    problem: str | None = None


def list_published(store: ReleaseStore) -> list[ListedRelease]:
    """Every published release, oldest first, with its manifest.

    A manifest that cannot be parsed does not hide the others: its release is
    listed with ``problem`` set (a short reason), so an engineer can still
    pick a rollback target during an incident.
    """
    listed = []
    for release in store.list_releases():
        try:
            listed.append(ListedRelease(release, store.read_manifest(release)))
        except StoreError as exc:
            log.info("release %s: %s", release, exc)  # the caller shows ``problem``
            reason = exc.reason if isinstance(exc, ManifestUnreadable) else str(exc)
            listed.append(ListedRelease(release, None, reason))
    return listed


def resolve_release(store: ReleaseStore, release: str | None) -> str:
    """``release`` itself, or the current release when None."""
    if release is not None:
        return release
    pointer = store.current()
    if pointer is None:
        raise ReleaseError(f"no current release in {store.location}; name one")
    return pointer.release_id


def verify_release(store: ReleaseStore, release: str | None = None) -> VerifyReport:
    """Re-hash every file of ``release`` (default: current) against its manifest."""
    release_id = resolve_release(store, release)
    manifest = store.read_manifest(release_id)
    report = VerifyReport(release_id)
    for entry in manifest.files():
        report.checked += 1
        try:
            data = store.get_bytes(release_id, entry.path)
        except StoreError:
            report.missing.append(entry.path)
            continue
        if len(data) != entry.size or sha256_hex(data) != entry.sha256:
            report.tampered.append(entry.path)
    if not report.ok:
        log.warning(
            "release %s: %d missing, %d altered of %d files",
            release_id,
            len(report.missing),
            len(report.tampered),
            report.checked,
        )
    return report


def prune_releases(settings: Settings, store: ReleaseStore, keep: int) -> list[str]:
    """Delete all but the ``keep`` newest releases and the current one; the ids deleted.

    Unpublished leftovers of killed builds older than :data:`STALE_AFTER` go too;
    younger ones may belong to a build that is still running.
    """
    if keep < 1:
        raise ReleaseError(f"--keep must be at least 1, not {keep}")
    releases = store.list_releases()
    pointer = store.current()
    kept = set(releases[-keep:]) | ({pointer.release_id} if pointer else set())
    doomed = [r for r in releases if r not in kept]
    for release in doomed:
        store.delete_release(release)
        log.info("pruned release %s", release)
    db.record_pruned(settings, doomed)
    stale = store.discard_stale(STALE_AFTER)
    if stale:
        log.info("dropped %d unpublished leftovers of killed builds: %s", len(stale), stale)
    return doomed
