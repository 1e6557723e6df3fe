"""The release's producers of files, behind the artifact cache.

Bundles come from :func:`i18n_pipeline.bundles.bundle_artifacts`; notices and
the compiled rule dataset from the compliance package
(:func:`~i18n_pipeline.compliance.notices.build_region_notices`,
:func:`~i18n_pipeline.compliance.loader.rules_artifact`).
Each producer's output is cached by the hash of its inputs (see
:mod:`i18n_pipeline.release.cache`), so an unchanged catalog is not rendered
again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from i18n_pipeline.artifacts import Artifact, sha256_hex
from i18n_pipeline.config import Settings
from i18n_pipeline.layout import template_path
from i18n_pipeline.manifest import NoticeEntry
from i18n_pipeline.pofile import read_catalog, write_bytes_atomic
from i18n_pipeline.release.cache import ArtifactCache, CachedArtifact
from i18n_pipeline.release.digest import CatalogDigest, Parsed, code_sha256
from i18n_pipeline.release.plan import RegionPlan

log = logging.getLogger(__name__)

NOTICES_DOMAIN = "notices"

BundleFn = Callable[..., list[Artifact]]


def _bundle_function() -> BundleFn:
    from i18n_pipeline.bundles import bundle_artifacts

    return bundle_artifacts


def as_source(catalog: Catalog) -> Catalog:
    """The source language's catalog with every empty msgstr filled by its msgid.

    The source strings are their own translation, so the source bundle carries
    them all instead of leaving clients to show keys.

    >>> template = Catalog(locale="en")
    >>> _ = template.add("Save")
    >>> _ = template.add(("{n} job", "{n} jobs"), ("", ""))
    >>> [m.string for m in as_source(template) if m.id]
    ['Save', ('{n} job', '{n} jobs')]
    """
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            ids = [message.id[0], *([message.id[1]] * max(1, catalog.num_plurals - 1))]
            forms = list(message.string) if isinstance(message.string, (list, tuple)) else []
            if len(forms) != len(ids):
                forms = [""] * len(ids)
            message.string = tuple(form or msgid for form, msgid in zip(forms, ids, strict=True))
        elif not message.string:
            message.string = message.id
    return catalog


def bundle_files(
    cache: ArtifactCache,
    digest: CatalogDigest,
    region: str,
    tag: str,
    *,
    source: bool,
    parsed: Parsed | None = None,
) -> list[CachedArtifact]:
    """The bundle files of one catalog in one region, rendered or from the cache.

    ``source`` marks the source language, whose empty msgstrs ship as the msgid.
    """
    key = sha256_hex(
        f"bundle\0{code_sha256()}\0{digest.sha256}\0{region}\0{tag}\0{digest.domain}".encode()
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    # The source catalog serves every region; others are needed once, then freed.
    known = parsed if parsed is not None else {}
    ref = (digest.locale, digest.domain)
    catalog = known.get(ref) if source else known.pop(ref, None)
    if catalog is None:
        catalog = read_catalog(digest.source, locale=digest.locale, domain=digest.domain)
    if source:
        catalog = as_source(catalog)
    artifacts = _bundle_function()(catalog, region, tag, digest.domain)
    log.debug("rendered %d bundle files for %s/%s %s", len(artifacts), region, tag, digest.domain)
    return cache.put(key, artifacts)


def _tree_hash(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Compliance:
    """The rule dataset and the privacy notices of a build, from the compliance package.

    The rules are loaded at most once per build and only when something is not
    in the cache; cache keys hash every rule file, notice template, notices
    catalog and the config, so any change renders again. A project without a
    rules directory ships neither rules nor notices.
    """

    def __init__(self, settings: Settings, cache: ArtifactCache) -> None:
        self.settings = settings
        self.cache = cache
        self.enabled = settings.rules_path.is_dir() and _compliance_available()
        self._ruleset: Any = None
        self._base = ""
        if self.enabled:
            locales_dir = settings.locales_path
            inputs = [
                *settings.rules_path.rglob("*"),
                *locales_dir.glob(f"*/LC_MESSAGES/{NOTICES_DOMAIN}.po"),
                template_path(locales_dir, NOTICES_DOMAIN),
                locales_dir / "regions.yaml",
                locales_dir / "matrix.yaml",
            ]
            self._base = code_sha256() + _tree_hash(inputs, settings.root.resolve())

    def _rules(self) -> Any:
        if self._ruleset is None:
            # Every ERROR of `i18n rules check` refuses the build, not just schema errors.
            from i18n_pipeline.compliance.checks import load_rules_checked

            self._ruleset = load_rules_checked(self.settings.rules_path)
        return self._ruleset

    def rules_file(self) -> CachedArtifact | None:
        """The compiled rule dataset (``rules/rules.<hash>.json``), or None without rules."""
        if not self.enabled:
            return None
        from i18n_pipeline.compliance.loader import rules_artifact

        key = sha256_hex(f"rules\0{self._base}".encode())
        cached = self.cache.get(key)
        return (cached or self.cache.put(key, [rules_artifact(self._rules())]))[0]

    def notices(self, plan: RegionPlan) -> list[tuple[NoticeEntry, list[CachedArtifact]]]:
        """Each notice of the region (shipped or withheld by the legal gate) with its files.

        A notice the law requires in a language that cannot ship raises
        :class:`~i18n_pipeline.errors.GateError` from the compliance package.
        """
        if not self.enabled:
            return []
        shipped = [p.tag for p in plan.shipped]
        key = sha256_hex(f"notices\0{self._base}\0{plan.key}\0{shipped}".encode())
        index = self.cache.root / f"{key}.notices.json"
        cached = self.cache.get(key) if index.exists() else None
        if cached is not None:
            entries = [NoticeEntry.model_validate(e) for e in json.loads(index.read_bytes())]
        else:
            from i18n_pipeline.compliance.notices import build_region_notices

            artifacts, entries = build_region_notices(
                self.settings, plan.key, shipped, self._rules()
            )
            cached = self.cache.put(key, artifacts)
            rows = [e.model_dump(mode="json") for e in entries]
            write_bytes_atomic(index, json.dumps(rows, sort_keys=True).encode())
        by_path = {item.path: item for item in cached}
        return [(e, [by_path[f.path] for f in e.files]) for e in entries]


def _compliance_available() -> bool:
    try:
        from i18n_pipeline.compliance import loader, notices  # noqa: F401
    except ImportError:
        log.warning("the compliance package cannot be imported; no notices or rules ship")
        return False
    return True
