"""Building a release: check, gate, render, write, publish, activate.

The order is what makes a release safe to interrupt:

1. every catalog's digest (checks, counts, message states); check errors stop
   the build with :class:`CheckFailed` before anything is written;
2. the region plan; a blocking gate stops it with :class:`GateError`;
3. every file rendered (or taken from the cache) and named by its content;
4. files into the store's staging area: a file the previous release already
   holds under the same content-hashed path is linked or copied server-side,
   not written again; then ``manifest.json``, which publishes the release;
5. the release recorded in the database, then re-hashed (every file against
   the manifest; a reused file may have been damaged in the release it came
   from), then the ``current`` pointer moved and the activation recorded. A
   database that is down, or a file that fails the re-hash, stops the build
   after publishing: the release is listed but ``current`` has not moved.
   Known gap: if the database fails between the pointer move and the
   activation record, the history misses that activation (the store, which
   serves clients, is right); ``i18n release activate`` records it again.

A failure in 3-4 discards what was staged; ``current`` never moves to an
incomplete release. Same inputs give byte-identical files: nothing inside a
file depends on time, only the manifest's ``created_at`` and the release id do.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from i18n_pipeline import db
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CheckFailed, PipelineError, ReleaseError, StoreError
from i18n_pipeline.manifest import LocaleEntry, Manifest, NoticeEntry, RegionEntry
from i18n_pipeline.release.cache import ArtifactCache, CachedArtifact
from i18n_pipeline.release.digest import CatalogDigest, Parsed, code_sha256, load_digest
from i18n_pipeline.release.ops import verify_release
from i18n_pipeline.release.plan import LocalePlan, ReleasePlan, plan_release
from i18n_pipeline.release.producers import Compliance, bundle_files
from i18n_pipeline.store.base import ReleaseStore, files_by_path

log = logging.getLogger(__name__)

#: ``progress(stage, done, total)``: called as the build advances.
Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    """A published release and what building it cost."""

    manifest: Manifest
    files: int = 0
    written: int = 0
    reused: int = 0
    rendered: int = 0
    cached: int = 0
    activated: bool = False
    written_paths: list[str] = field(default_factory=list)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def release_id(created_at: datetime, inputs_sha256: str) -> str:
    """The id of a release: its UTC creation time and the start of its inputs hash.

    The time has milliseconds so that ids sort in build order even when two
    builds finish within the same second.

    >>> release_id(datetime(2026, 12, 3, 20, 18, 0, 123456, tzinfo=UTC), "0123456789abcdef" * 4)
    '20261203T201800123Z-0123456789'
    """
    utc = created_at.astimezone(UTC)
    return f"{utc:%Y%m%dT%H%M%S}{utc.microsecond // 1000:03d}Z-{inputs_sha256[:10]}"


def collect_digests(
    settings: Settings, progress: Progress = _no_progress, parsed: Parsed | None = None
) -> dict[tuple[str, str], CatalogDigest]:
    """The digest of every matrix locale's catalog in every matrix domain."""
    matrix = settings.matrix
    cache = settings.var_path / "cache" / "catalogs"
    pairs = [(lang.locale, domain) for lang in matrix.languages for domain in matrix.domains]
    digests: dict[tuple[str, str], CatalogDigest] = {}
    for done, (locale, domain) in enumerate(pairs, start=1):
        digest = load_digest(settings, locale, domain, cache, parsed)
        if digest is not None:
            digests[(locale, domain)] = digest
        progress("catalogs", done, len(pairs))
    return digests


def raise_for_check_errors(digests: dict[tuple[str, str], CatalogDigest]) -> None:
    """:class:`CheckFailed` naming the catalogs with check errors and how many findings."""
    failing = [d for d in digests.values() if d.errors]
    if not failing:
        return
    count = sum(len(d.errors) for d in failing)
    names = ", ".join(str(d.source) for d in failing)
    first = failing[0].errors[0]
    raise CheckFailed(
        f"{count} check error(s) in {len(failing)} catalog(s): {names}; first: {first}; "
        "run `i18n check` for all findings"
    )


def inputs_sha256(settings: Settings, digests: dict[tuple[str, str], CatalogDigest]) -> str:
    """Hash of everything a release is made of: config, catalogs, rules and code."""
    root = settings.root.resolve()
    files: dict[str, str] = {"<code>": code_sha256()}
    config = [settings.locales_path / n for n in ("matrix.yaml", "regions.yaml")]
    rules = sorted(settings.rules_path.rglob("*")) if settings.rules_path.is_dir() else []
    for path in [*config, *rules]:
        if path.is_file():
            files[_relative(path, root)] = hashlib.sha256(path.read_bytes()).hexdigest()
    for digest in digests.values():
        files[_relative(digest.source, root)] = digest.sha256
    text = "\n".join(f"{name}\0{sha}" for name, sha in sorted(files.items()))
    return hashlib.sha256(text.encode()).hexdigest()


def _relative(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(path)


def _git(settings: Settings, *args: str) -> str | None:
    """Stdout of ``git -C <root> args``, or None when git or the repository is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _source_commit(settings: Settings) -> str | None:
    """HEAD, with ``-dirty`` when the inputs differ from it; an explicit setting wins.

    Inputs are the catalogs, the rules and the product sources; a modified,
    deleted or new (not ignored) file under one of them makes the release
    impossible to rebuild from the commit alone, and the suffix says so.
    """
    if settings.source_commit:
        return settings.source_commit
    head = (_git(settings, "rev-parse", "HEAD") or "").strip()
    if not head:
        return None
    root = settings.root.resolve()
    inputs = [settings.locales_path, settings.rules_path, settings.source_path]
    paths = [str(p) for p in inputs if p.resolve().is_relative_to(root)]
    status = _git(settings, "status", "--porcelain", "--", *paths)
    if status is None:
        log.warning("git status failed in %s; source commit %s may hide local edits", root, head)
        return head
    if status.strip():
        log.info("inputs differ from commit %s:\n%s", head, status.rstrip())
        return f"{head}-dirty"
    return head


def _locale_entry(plan: LocalePlan, files: list[CachedArtifact]) -> LocaleEntry:
    language = plan.language
    return LocaleEntry(
        locale=plan.tag,
        catalog=language.locale,
        name=language.name,
        priority=language.priority.value,
        target=language.target,
        direction=language.direction,
        completion=plan.completion,
        gate=plan.gate,
        fallback=plan.fallback,
        fallback_exposure=plan.exposure,
        files=sorted((f.entry() for f in files), key=lambda e: e.path),
    )


@dataclass
class _Assembly:
    regions: dict[str, RegionEntry] = field(default_factory=dict)
    files: dict[str, CachedArtifact] = field(default_factory=dict)
    rules: CachedArtifact | None = None

    def add(self, items: list[CachedArtifact]) -> list[CachedArtifact]:
        for item in items:
            self.files[item.path] = item
        return items


def _render(
    settings: Settings,
    plan: ReleasePlan,
    digests: dict[tuple[str, str], CatalogDigest],
    cache: ArtifactCache,
    progress: Progress,
    parsed: Parsed,
) -> _Assembly:
    assembly = _Assembly()
    compliance = Compliance(settings, cache)
    domains = settings.matrix.domains
    source_locale = settings.matrix.source_locale
    total = sum(len(region.shipped) for region in plan.regions)
    done = 0
    for region in plan.regions:
        entries: dict[str, LocaleEntry] = {}
        for locale in region.locales:
            files: list[CachedArtifact] = []
            source = locale.language.locale == source_locale
            if locale.shipped:
                for domain in domains:
                    digest = digests.get((locale.language.locale, domain))
                    if digest is not None and (source or not digest.from_template):
                        made = bundle_files(
                            cache, digest, region.key, locale.tag, source=source, parsed=parsed
                        )
                        files += assembly.add(made)
                done += 1
                progress("bundles", done, total)
            entries[locale.tag] = _locale_entry(locale, files)
        notices: list[NoticeEntry] = []
        for entry, items in compliance.notices(region):
            assembly.add(items)
            notices.append(entry.model_copy(update={"files": [i.entry() for i in items]}))
        assembly.regions[region.key] = RegionEntry(
            name=region.region.name,
            cloud_regions=list(region.region.cloud_regions),
            countries=list(region.region.countries),
            locales=entries,
            notices=notices,
        )
    assembly.rules = compliance.rules_file()
    if assembly.rules is not None:
        assembly.add([assembly.rules])
    return assembly


def _previous_files(store: ReleaseStore) -> dict[str, str]:
    """Path -> release id holding it, from the current and the newest release."""
    sources = store.list_releases()[-1:]
    pointer = store.current()
    if pointer is not None:
        sources.append(pointer.release_id)
    return files_by_path(store, dict.fromkeys(sources), "file reuse")


def _free_id(store: ReleaseStore, created_at: datetime, inputs: str) -> tuple[datetime, str]:
    taken = set(store.list_releases())
    while release_id(created_at, inputs) in taken:
        created_at += timedelta(milliseconds=1)
    return created_at, release_id(created_at, inputs)


def _write(
    store: ReleaseStore,
    result: BuildResult,
    files: dict[str, CachedArtifact],
    progress: Progress,
) -> None:
    previous = _previous_files(store)
    new_id = result.manifest.release_id
    store.discard(new_id)  # leftovers of a build of the same id that was killed
    for done, path in enumerate(sorted(files), start=1):
        source = previous.get(path)
        if source is not None and store.reuse_file(new_id, path, source):
            result.reused += 1
        else:
            store.put_file(new_id, path, files[path].data())
            result.written += 1
            result.written_paths.append(path)
        progress("files", done, len(files))
    store.write_manifest(result.manifest)


def build(
    settings: Settings,
    store: ReleaseStore,
    *,
    progress: Progress | None = None,
    activate: bool = True,
    actor: str | None = None,
    now: datetime | None = None,
) -> BuildResult:
    """Build, publish and (by default) activate a release; see the module docstring."""
    report = progress or _no_progress
    parsed: Parsed = {}
    digests = collect_digests(settings, report, parsed)
    raise_for_check_errors(digests)
    plan = plan_release(settings, digests)
    plan.raise_for_failures()

    cache = ArtifactCache(settings.var_path / "cache" / "bundles")
    assembly = _render(settings, plan, digests, cache, report, parsed)
    parsed.clear()
    inputs = inputs_sha256(settings, digests)
    moment = now or datetime.now(UTC)
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    created_at, new_id = _free_id(store, moment, inputs)
    manifest = Manifest(
        release_id=new_id,
        created_at=created_at,
        source_commit=_source_commit(settings),
        source_locale=settings.matrix.source_locale,
        inputs_sha256=inputs,
        regions=assembly.regions,
        rules=assembly.rules.entry() if assembly.rules else None,
        warnings=plan.warnings,
    )
    result = BuildResult(
        manifest=manifest,
        files=len(assembly.files),
        rendered=cache.misses,
        cached=cache.hits,
    )
    try:
        _write(store, result, assembly.files, report)
    except BaseException:
        _discard(store, new_id)
        raise
    db.record_release(settings, manifest)
    if activate:
        activate_release(settings, store, new_id, actor=actor, reason="built and activated")
        result.activated = True
    log.info(
        "release %s: %d files (%d written, %d reused), %d rendered, %d from cache",
        new_id,
        result.files,
        result.written,
        result.reused,
        result.rendered,
        result.cached,
    )
    return result


def _discard(store: ReleaseStore, release: str) -> None:
    try:
        store.discard(release)
    except PipelineError as exc:
        log.warning("could not discard the staged release %s: %s", release, exc)


def activate_release(
    settings: Settings,
    store: ReleaseStore,
    release: str,
    *,
    actor: str | None = None,
    reason: str = "",
    force: bool = False,
) -> db.Activation:
    """Point ``current`` at ``release`` (roll back or forward) and record who and why.

    Every file of ``release`` is re-hashed first, and a missing or altered one
    refuses the move with :class:`ReleaseError` naming it: a rollback is when a
    broken target hurts most. ``force`` moves anyway; that is logged as a
    warning and noted in the recorded reason.
    """
    if not store.has_release(release):
        raise StoreError(f"release {release!r} not found in {store.location}")
    report = verify_release(store, release)
    if not report.ok:
        if not force:
            raise ReleaseError(
                f"release {release!r} fails verification, 'current' not moved: "
                f"{report.summary()}; rebuild it or activate another release"
            )
        log.warning(
            "activating release %s despite failed verification: %s", release, report.summary()
        )
        bad = f"{len(report.missing)} missing, {len(report.tampered)} altered"
        note = f"forced past failed verification: {bad}"
        reason = f"{reason} ({note})" if reason else note
    elif force:
        log.info("activation of %s forced; it verifies anyway", release)
    pointer = store.current()
    previous = pointer.release_id if pointer else None
    moved = store.set_current(release)
    db.record_release(settings, store.read_manifest(release))
    return db.record_activation(
        settings,
        release,
        actor=actor or _actor(),
        previous_release_id=previous,
        reason=reason,
        activated_at=moved.activated_at,
    )


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def build_release(
    settings: Settings, store: ReleaseStore, *, progress: Progress | None = None
) -> Manifest:
    """Build, publish and activate a release; the published manifest."""
    return build(settings, store, progress=progress).manifest
