"""The legal gate and the release's notice files.

A notice ships in a language only when every message its template renders
*for that rule* is translated and not fuzzy. :func:`build_region_notices`
makes every notice of a region: complete ones become three files (md, html,
json); an incomplete one is withheld with its reason, unless the law requires
that language, in which case the release stops with :class:`GateError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from i18n_pipeline import locales
from i18n_pipeline.artifacts import Artifact
from i18n_pipeline.compliance.index import RuleIndex
from i18n_pipeline.compliance.loader import RuleSet, load_rules, load_rules_strict
from i18n_pipeline.compliance.notices_catalog import DOMAIN, MessageKey, NoticeTranslations
from i18n_pipeline.compliance.notices_render import (
    FORMATS,
    NoticeDocument,
    write_document,
)
from i18n_pipeline.compliance.notices_template import (
    NoticeKit,
    RenderedNotice,
    render_document,
    resolve_inputs,
)
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.config import Region, Settings
from i18n_pipeline.errors import ConfigError, GateError
from i18n_pipeline.layout import catalog_path
from i18n_pipeline.manifest import FileEntry, NoticeEntry

log = logging.getLogger(__name__)


def _describe(key: MessageKey) -> str:
    context, msgid = key
    return f"{context}|{msgid}" if context else msgid


@dataclass(frozen=True)
class NoticeCompleteness:
    """Which messages one rule's notice uses in one locale, and which are not ready."""

    rule_id: str
    locale: str
    used: tuple[str, ...]
    missing: tuple[str, ...] = ()
    fuzzy: tuple[str, ...] = ()
    invalid: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not (self.missing or self.fuzzy or self.invalid)

    @property
    def problems(self) -> int:
        return len(self.missing) + len(self.fuzzy) + len(self.invalid)

    def reason(self) -> str:
        """One line a person can read: what is ready, or what is missing and an example."""
        total = len(self.used)
        if self.complete:
            return f"all {total} notice messages translated"
        parts = []
        if self.missing:
            parts.append(f"{len(self.missing)} untranslated")
        if self.fuzzy:
            parts.append(f"{len(self.fuzzy)} fuzzy")
        if self.invalid:
            parts.append(f"{len(self.invalid)} with wrong placeholders")
        first = (self.missing or self.fuzzy or self.invalid)[0]
        return f"{', '.join(parts)} of {total} notice messages (first: {first!r})"


def completeness_of(rule: Rule, rendered: RenderedNotice, locale: str) -> NoticeCompleteness:
    """The gate's view of one rendering."""
    by_state: dict[str, list[str]] = {"missing": [], "fuzzy": [], "invalid": []}
    for key, state in rendered.used.items():
        if state != "translated":
            by_state[state].append(_describe(key))
    return NoticeCompleteness(
        rule_id=rule.id,
        locale=locale,
        used=tuple(_describe(key) for key in rendered.used),
        missing=tuple(by_state["missing"]),
        fuzzy=tuple(by_state["fuzzy"]),
        invalid=tuple(by_state["invalid"]),
    )


def notice_completeness(
    rule: Rule,
    locale: str,
    *,
    settings: Settings | None = None,
    translations: NoticeTranslations | None = None,
    kit: NoticeKit | None = None,
) -> NoticeCompleteness:
    """The messages ``rule``'s notice renders in ``locale`` that are missing, fuzzy or broken.

    Only the messages the template really renders for this rule count: a law
    without a sale opt-out does not wait for the sale section's translation.
    """
    translations, kit = resolve_inputs(locale, settings, translations, kit)
    rendered = render_document(rule, translations, kit)
    return completeness_of(rule, rendered, locales.to_bcp47(translations.locale))


def region_rules(index: RuleIndex, region: Region) -> list[Rule]:
    """Every rule that applies in the region's countries or in a subdivision of one."""
    found: dict[str, Rule] = {}
    for country in region.countries:
        for rule in index.for_location(country):
            found.setdefault(rule.id, rule)
    for rule in index.ruleset.rules:
        for code in rule.jurisdictions:
            country, _, sub = code.partition("-")
            if sub and country in region.countries:
                found.setdefault(rule.id, rule)
    return [found[rule_id] for rule_id in sorted(found)]


def required_catalog(settings: Settings, tag: str) -> str | None:
    """The catalog that serves a language a law requires, or None when there is none.

    A matrix language serves its variants (``fr-CA`` -> ``fr``, ``zh-CN`` ->
    ``zh_Hans``). A language the product UI does not offer can still have a
    ``notices`` catalog of its own (Malay for Malaysia's PDPA): legal text
    only, no product bundle. Without either there is no catalog.
    """
    matrix = settings.matrix
    shipped = [locales.to_bcp47(lang.locale) for lang in matrix.languages]
    source = locales.to_bcp47(matrix.source_locale)
    chain = locales.resolution_chain(tag, shipped, source, matrix.fallbacks)
    catalog_id = locales.to_catalog_id(tag)
    language = catalog_id.split("_")[0]
    if chain[0] != source or language == matrix.source_locale:
        return locales.to_catalog_id(chain[0])
    for candidate in dict.fromkeys((catalog_id, language)):
        if catalog_path(settings.locales_path, candidate, DOMAIN).exists():
            return candidate
    return None


def rule_notice_catalogs(settings: Settings) -> list[str]:
    """Catalog ids outside the matrix whose ``notices`` catalog a rule requires, sorted.

    These ship in releases (Malay for Malaysia's PDPA) although the product UI
    does not offer them, so ``i18n check`` must cover them too. Rule files that
    do not load are skipped here: ``i18n rules check`` reports them.
    """
    if not settings.rules_path.is_dir():
        return []
    matrix_locales = {lang.locale for lang in settings.matrix.languages}
    found = set()
    for rule in load_rules(settings.rules_path):
        for language in rule.notice_languages:
            catalog = required_catalog(settings, language.tag)
            if (
                catalog
                and catalog not in matrix_locales
                and catalog != settings.matrix.source_locale
            ):
                found.add(catalog)
    return sorted(found)


@dataclass(frozen=True)
class NoticeTarget:
    """A language a rule's notice is made in: its tag, its catalog (None: none) and why."""

    tag: str
    catalog: str | None
    required: bool


def notice_targets(settings: Settings, rule: Rule, shipped: Iterable[str]) -> list[NoticeTarget]:
    """The languages a rule's notice is made in: shipped ones, then required ones."""
    required: dict[str, str | None] = {}
    for language in rule.notice_languages:
        catalog = required_catalog(settings, language.tag)
        tag = locales.to_bcp47(catalog) if catalog else locales.canonicalize(language.tag)
        required.setdefault(tag, catalog)
    targets: dict[str, NoticeTarget] = {}
    for item in shipped:
        tag = locales.canonicalize(item)
        targets[tag] = NoticeTarget(tag, locales.to_catalog_id(tag), tag in required)
    for tag, catalog in required.items():
        targets.setdefault(tag, NoticeTarget(tag, catalog, True))
    return list(targets.values())


def _file_entry(artifact: Artifact) -> FileEntry:
    return FileEntry(
        path=artifact.path,
        kind=artifact.kind,
        format=artifact.format,
        domain=artifact.domain,
        sha256=artifact.sha256,
        size=len(artifact.data),
    )


def notice_artifacts(region_key: str, rule_id: str, document: NoticeDocument) -> list[Artifact]:
    """The three files of one notice: ``<region>/notices/<rule_id>/<tag>.{md,html,json}``."""
    return [
        Artifact(
            name=f"{region_key}/notices/{rule_id}/{document.lang}.{fmt}",
            data=write_document(document, fmt).encode("utf-8"),
            kind="notice",
            format=fmt,
            domain=DOMAIN,
        )
        for fmt in FORMATS
    ]


class _Catalogs:
    """Each locale's notices catalog, read once per build."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loaded: dict[str, NoticeTranslations] = {}

    def get(self, catalog_id: str) -> NoticeTranslations:
        if catalog_id not in self.loaded:
            self.loaded[catalog_id] = NoticeTranslations.load(self.settings, catalog_id)
        return self.loaded[catalog_id]


def _withheld(rule: Rule, target: NoticeTarget, reason: str) -> NoticeEntry:
    return NoticeEntry(
        rule_id=rule.id, locale=target.tag, status="withheld", reason=reason, required=False
    )


def _stop(rule: Rule, target: NoticeTarget, region_key: str, reason: str) -> GateError:
    catalog = target.catalog or locales.to_catalog_id(target.tag)
    return GateError(
        f"notice {rule.id!r} is required in {target.tag!r} by the law but cannot ship in region"
        f" {region_key!r}: {reason}; translate locales/{catalog}/LC_MESSAGES/{DOMAIN}.po",
        locale=target.tag,
        rule_id=rule.id,
        region=region_key,
    )


def _decide(
    region_key: str, rule: Rule, target: NoticeTarget, catalogs: _Catalogs, kit: NoticeKit
) -> tuple[NoticeEntry, list[Artifact]]:
    """The gate for one notice: shipped with its files, withheld, or :class:`GateError`."""
    if target.catalog is None:
        reason = (
            f"no notices catalog for {target.tag!r} (not a matrix language and no"
            f" locales/<locale>/LC_MESSAGES/{DOMAIN}.po)"
        )
        if target.required:
            raise _stop(rule, target, region_key, reason)
        return _withheld(rule, target, reason), []

    rendered = render_document(rule, catalogs.get(target.catalog), kit)
    completeness = completeness_of(rule, rendered, target.tag)
    if not completeness.complete:
        if target.required:
            raise _stop(rule, target, region_key, completeness.reason())
        return _withheld(rule, target, completeness.reason()), []

    files = notice_artifacts(region_key, rule.id, rendered.document)
    reason = completeness.reason()
    if target.required:
        reason = f"required by {rule.name.short}; {reason}"
    entry = NoticeEntry(
        rule_id=rule.id,
        locale=target.tag,
        status="shipped",
        reason=reason,
        required=target.required,
        files=[_file_entry(a) for a in files],
    )
    return entry, files


def build_region_notices(
    settings: Settings,
    region_key: str,
    shipped_locales: list[str],
    ruleset: RuleSet | None = None,
) -> tuple[list[Artifact], list[NoticeEntry]]:
    """Every notice of one region, gated: the files to publish and one manifest entry each.

    For every rule that applies in the region (its countries and their
    subdivisions), the notice is made in each shipped locale (BCP 47 tags or
    catalog ids) and in each language the rule requires. A complete notice
    ships (three files); an incomplete one is withheld with its reason, unless
    the language is required, which raises :class:`GateError` naming the rule
    and the locale.
    """
    regions = settings.regions.regions
    if region_key not in regions:
        known = ", ".join(sorted(regions))
        raise ConfigError(
            settings.locales_path / "regions.yaml",
            f"unknown region {region_key!r} (known: {known})",
        )
    ruleset = ruleset if ruleset is not None else load_rules_strict(settings.rules_path)
    kit = NoticeKit.from_settings(settings)
    catalogs = _Catalogs(settings)
    artifacts: list[Artifact] = []
    entries: list[NoticeEntry] = []

    for rule in region_rules(RuleIndex(ruleset), regions[region_key]):
        for target in notice_targets(settings, rule, shipped_locales):
            entry, files = _decide(region_key, rule, target, catalogs, kit)
            entries.append(entry)
            artifacts.extend(files)

    shipped = sum(1 for e in entries if e.status == "shipped")
    log.info(
        "region %s: %d notices shipped, %d withheld", region_key, shipped, len(entries) - shipped
    )
    return artifacts, entries


def region_notices(
    settings: Settings,
    region_key: str,
    shipped_locales: list[str],
    ruleset: RuleSet | None = None,
) -> list[tuple[NoticeEntry, list[Artifact]]]:
    """The release builder's view: each manifest entry with its own files.

    This is :func:`build_region_notices` (by default over the rules in
    ``settings.rules_path``), regrouped per notice; a withheld notice has no files.
    """
    artifacts, entries = build_region_notices(settings, region_key, shipped_locales, ruleset)
    by_path = {artifact.path: artifact for artifact in artifacts}
    return [(entry, [by_path[f.path] for f in entry.files]) for entry in entries]
