"""The release's producers of files, behind the artifact cache.

Bundles come from :func:`i18n_pipeline.bundles.bundle_artifacts`; notices and
the compiled rule dataset from the compliance package when it provides them.
Each producer's output is cached by the hash of its inputs (see
:mod:`i18n_pipeline.release.cache`), so an unchanged catalog is not rendered
again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from babel.messages.catalog import Catalog

from i18n_pipeline.artifacts import Artifact, sha256_hex
from i18n_pipeline.config import Settings
from i18n_pipeline.manifest import NoticeEntry
from i18n_pipeline.pofile import read_catalog
from i18n_pipeline.release.cache import ArtifactCache, CachedArtifact
from i18n_pipeline.release.digest import CatalogDigest, code_sha256
from i18n_pipeline.release.plan import RegionPlan

log = logging.getLogger(__name__)

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
    cache: ArtifactCache, digest: CatalogDigest, region: str, tag: str, *, source: bool
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
    catalog = read_catalog(digest.source, locale=digest.locale, domain=digest.domain)
    if source:
        catalog = as_source(catalog)
    artifacts = _bundle_function()(catalog, region, tag, digest.domain)
    log.debug("rendered %d bundle files for %s/%s %s", len(artifacts), region, tag, digest.domain)
    return cache.put(key, artifacts)


def notice_files(
    settings: Settings, cache: ArtifactCache, plan: RegionPlan
) -> list[tuple[NoticeEntry, list[CachedArtifact]]]:
    """The region's privacy notices and their files, when the compliance package builds them.

    Known gap: the compliance package exposes no notice builder yet, so releases
    carry no notices; the manifest's ``notices`` lists stay empty until it does.
    """
    try:
        from i18n_pipeline.compliance import notices  # type: ignore[attr-defined]
    except ImportError:
        return []
    build = getattr(notices, "region_notices", None)
    if build is None:
        return []
    shipped = [p.tag for p in plan.shipped]
    results = []
    for entry, artifacts in build(settings, plan.key, shipped):
        key = sha256_hex(
            ("notice\0" + "\0".join(sorted(a.sha256 + a.name for a in artifacts))).encode()
        )
        results.append((entry, cache.get(key) or cache.put(key, list(artifacts))))
    return results


def rules_file(settings: Settings, cache: ArtifactCache) -> CachedArtifact | None:
    """The compiled rule dataset, when the compliance package compiles one."""
    try:
        from i18n_pipeline.compliance import dataset  # type: ignore[attr-defined]
    except ImportError:
        return None
    build = getattr(dataset, "rules_artifact", None)
    if build is None:
        return None
    artifact: Artifact = build(settings)
    key = sha256_hex(f"rules\0{artifact.sha256}\0{artifact.name}".encode())
    return (cache.get(key) or cache.put(key, [artifact]))[0]
