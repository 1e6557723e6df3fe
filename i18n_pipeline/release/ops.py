"""Operations on published releases: verify, prune."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from i18n_pipeline import db
from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import ReleaseError, StoreError
from i18n_pipeline.store.base import ReleaseStore

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
