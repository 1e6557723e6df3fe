"""The region plan: which locales ship where, why, and what clients fall back to.

For every region, every matrix language shipped there is gated on the
completion of its ``messages`` catalog against its target; below target its
priority's gate action decides (block stops the release, warn ships with a
warning, exclude leaves it out so clients fall back). The plan also computes
each shipped locale's fallback chain over the tags the region really ships,
and its *fallback exposure*: how many messages a client resolves from a
language further down the chain because this locale has them untranslated or
fuzzy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from i18n_pipeline import locales, stats
from i18n_pipeline.config import Language, Region, Settings
from i18n_pipeline.errors import GateError
from i18n_pipeline.manifest import Completion, FallbackExposure, Gate
from i18n_pipeline.release.digest import CatalogDigest

Digests = Mapping[tuple[str, str], CatalogDigest]


@dataclass(frozen=True)
class LocalePlan:
    """One language in one region: its gate decision, chain and exposure."""

    region: str
    language: Language
    tag: str
    gate: Gate
    completion: dict[str, Completion]
    fallback: list[str]
    exposure: FallbackExposure

    @property
    def shipped(self) -> bool:
        return self.gate.status in ("pass", "warn")


@dataclass(frozen=True)
class RegionPlan:
    key: str
    region: Region
    locales: list[LocalePlan]

    @property
    def shipped(self) -> list[LocalePlan]:
        return [plan for plan in self.locales if plan.shipped]


@dataclass(frozen=True)
class ReleasePlan:
    regions: list[RegionPlan]
    warnings: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[LocalePlan]:
        """Locales whose gate blocks the release."""
        return [p for region in self.regions for p in region.locales if p.gate.status == "fail"]

    def raise_for_failures(self) -> None:
        """Raise :class:`GateError` naming every blocking locale, completion and target."""
        failures = self.failures
        if not failures:
            return
        parts = "; ".join(f"{p.tag} in {p.region}: {p.gate.reason}" for p in failures)
        first = failures[0]
        raise GateError(
            f"release blocked by {len(failures)} gate(s): {parts}",
            locale=first.tag,
            region=first.region,
        )


def _gate(settings: Settings, language: Language, digests: Digests) -> Gate:
    digest = digests.get((language.locale, stats.GATE_DOMAIN))
    counts = digest.stats if digest is not None else stats.CatalogStats()
    matrix = settings.matrix
    return stats.gate(counts, language, matrix, matrix.gate_metric)


def _exposure(
    shipped_own: bool,
    chain: list[str],
    language: Language,
    catalog_of: Mapping[str, str],
    digests: Digests,
    source: str,
) -> FallbackExposure:
    """Messages of ``language`` that a client resolves further down ``chain``.

    A message falls back when this locale has it untranslated or fuzzy (or
    does not ship at all); it is counted under the first locale of the chain
    that has it translated, the source language at the latest.
    """
    own = digests.get((language.locale, stats.GATE_DOMAIN))
    root = digests.get((source, stats.GATE_DOMAIN))
    keys = set(own.states if own else ()) | set(root.states if root else ())
    by_locale: Counter[str] = Counter()
    falling: list[str] = []
    for key in sorted(keys):
        if shipped_own and own is not None and own.translated(key):
            continue
        falling.append(key)
        for tag in chain:
            digest = digests.get((catalog_of.get(tag, ""), stats.GATE_DOMAIN))
            if tag == chain[-1] or (digest is not None and digest.translated(key)):
                by_locale[tag] += 1
                break
    p0 = falling if language.priority.value == "P0" and chain else []
    return FallbackExposure(
        messages=sum(by_locale.values()), by_locale=dict(sorted(by_locale.items())), p0_msgids=p0
    )


def _completion(
    language: Language, digests: Digests, domains: tuple[str, ...]
) -> dict[str, Completion]:
    found: dict[str, Completion] = {}
    for domain in domains:
        digest = digests.get((language.locale, domain))
        if digest is not None:
            found[domain] = stats.to_completion(digest.stats)
    return found


def plan_region(settings: Settings, key: str, digests: Digests) -> RegionPlan:
    """Gate, chain and exposure of every language ``key`` ships."""
    matrix = settings.matrix
    region = settings.regions.regions[key]
    languages = matrix.shipped_in(key)
    source = locales.to_bcp47(matrix.source_locale)
    gates = {lang.locale: _gate(settings, lang, digests) for lang in languages}
    tags = {lang.locale: locales.to_bcp47(lang.locale) for lang in languages}
    shipped = [
        tags[lang.locale] for lang in languages if gates[lang.locale].status in ("pass", "warn")
    ]
    catalog_of = {tags[locale]: locale for locale in tags}

    plans: list[LocalePlan] = []
    for language in languages:
        tag, gate = tags[language.locale], gates[language.locale]
        available = [t for t in shipped if t != tag]
        chain = locales.fallback_chain(tag, available, source, matrix.fallbacks)
        if tag == source:
            chain = []
        ships = gate.status in ("pass", "warn")
        exposure = _exposure(ships, chain, language, catalog_of, digests, matrix.source_locale)
        plans.append(
            LocalePlan(
                key,
                language,
                tag,
                gate,
                _completion(language, digests, matrix.domains),
                chain,
                exposure,
            )
        )
    return RegionPlan(key, region, plans)


def plan_release(settings: Settings, digests: Digests) -> ReleasePlan:
    """The plan for every region in ``regions.yaml`` that ships at least one language."""
    regions = [
        plan_region(settings, key, digests)
        for key in settings.regions.regions
        if settings.matrix.shipped_in(key)
    ]
    warnings = [
        f"{p.region}/{p.tag}: {p.gate.status}: {p.gate.reason}"
        for region in regions
        for p in region.locales
        if p.gate.status in ("warn", "excluded")
    ]
    return ReleasePlan(regions, warnings)
