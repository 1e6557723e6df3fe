"""Privacy notices: one template, every law's figures, every language, and the legal gate.

A notice is ``compliance_rules/notices/privacy_notice.j2`` rendered for one
rule (:class:`~i18n_pipeline.compliance.schema.Rule`) and one locale. Its
sentences live in the ``notices`` gettext domain with brace placeholders; the
figures (deadlines, ages), names and URLs are the rule's data and the
organisation's facts in ``compliance_rules/notices/profile.yaml``, so a
changed deadline changes the notice without a new translation.

The legal gate: a notice ships in a language only when every message its
template renders *for that rule* is translated and not fuzzy
(:func:`notice_completeness`). :func:`build_region_notices` applies it for a
release: an incomplete notice is withheld, unless the law requires that
language, in which case the release stops with :class:`GateError`.
"""

from __future__ import annotations

import gettext as gettext_module
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal
from pydantic import BaseModel, ConfigDict, Field

from i18n_pipeline import locales
from i18n_pipeline.artifacts import Artifact
from i18n_pipeline.compliance.index import RuleIndex
from i18n_pipeline.compliance.loader import RuleSet, load_rules_strict
from i18n_pipeline.compliance.notices_render import (
    FORMATS,
    NoticeDocument,
    NoticeFormatError,
    parse_markup,
    write_document,
)
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.config import Region, Settings
from i18n_pipeline.errors import ConfigError, GateError, LocaleError
from i18n_pipeline.layout import catalog_path
from i18n_pipeline.manifest import FileEntry, NoticeEntry
from i18n_pipeline.pofile import read_catalog
from i18n_pipeline.yamlio import load_model

log = logging.getLogger(__name__)

DOMAIN = "notices"
TEMPLATE = "privacy_notice.j2"
PROFILE = "profile.yaml"
NOTICES_SUBDIR = "notices"

#: Rights and transfer mechanisms ``periods.j2`` has wording for. A kind added to
#: the schema is refused here (not rendered as an empty heading) until its
#: sentences are written; a test keeps these lists level with the schema.
SUPPORTED_RIGHTS = frozenset(
    {"access", "correction", "deletion", "portability", "objection", "restriction",
     "opt_out_sale", "opt_out_sharing", "limit_sensitive", "automated_decision",
     "withdraw_consent"}
)  # fmt: skip
SUPPORTED_MECHANISMS = frozenset(
    {"adequacy", "sccs", "bcrs", "consent", "certification", "code_of_conduct", "derogations",
     "security_assessment", "standard_contract", "contract", "accountability",
     "impact_assessment"}
)  # fmt: skip

_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")

MessageKey = tuple[str | None, str]
MessageState = Literal["translated", "fuzzy", "missing", "invalid"]


# --------------------------------------------------------------------------- profile


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Controller(_Strict):
    """The organisation responsible for the data, and how people reach it."""

    name: str = Field(min_length=1)
    address: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    dpo_email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    requests_url: str = Field(pattern=r"^https?://\S+$")
    opt_out_url: str = Field(pattern=r"^https?://\S+$")


class Retention(_Strict):
    """The product's own retention periods, in months."""

    account_months: int = Field(ge=0)
    application_months: int = Field(ge=0)


class NoticeProfile(_Strict):
    """``compliance_rules/notices/profile.yaml``: facts every notice states about us."""

    controller: Controller
    sells_personal_data: bool
    retention: Retention | None = None
    last_updated: date


def _profile_error(path: Path, line: int | None, message: str, field: str | None) -> ConfigError:
    return ConfigError(path, f"{message} (field {field})" if field else message, line)


def load_profile(notices_dir: Path) -> NoticeProfile:
    """Read and validate the notice profile; :class:`ConfigError` names file and line."""
    path = notices_dir / PROFILE
    if not path.exists():
        raise ConfigError(path, "notice profile not found (controller, contact, retention)")
    return load_model(path, NoticeProfile, _profile_error)


# --------------------------------------------------------------------------- translations


def _fill(text: str, values: dict[str, Any], locale: Locale) -> str:
    """Replace ``{name}`` placeholders; numbers in the locale's digits and separators.

    >>> _fill("within {count} days, {who}", {"count": 1000, "who": "x\\ny"}, Locale("de"))
    'within 1.000 days, x y'
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        item = values[name]
        if isinstance(item, int) and not isinstance(item, bool):
            return format_decimal(item, locale=locale)
        return " ".join(str(item).split())

    return _PLACEHOLDER_RE.sub(value, text)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER_RE.findall(text))


def _english_plural(n: int) -> int:
    return 0 if n == 1 else 1


@dataclass
class NoticeTranslations:
    """The ``notices`` catalog of one locale, or the source language (``catalog=None``).

    A message without a usable translation renders as its English source, so a
    preview always works; :class:`_Lookup` records which messages were used and
    in what state, which is what the legal gate decides on.
    """

    locale: str
    catalog: Catalog | None = None
    path: Path | None = None

    @classmethod
    def load(cls, settings: Settings, locale: str) -> NoticeTranslations:
        """The catalog for ``locale`` (catalog id or BCP 47); empty when it has none yet."""
        catalog_id = _catalog_id(locale)
        if catalog_id == settings.matrix.source_locale:
            return cls(catalog_id)
        path = catalog_path(settings.locales_path, catalog_id, DOMAIN)
        if not path.exists():
            log.debug("no %s catalog for %s at %s", DOMAIN, catalog_id, path)
            return cls(catalog_id, Catalog(locale=_babel_locale(catalog_id), domain=DOMAIN))
        return cls(catalog_id, read_catalog(path, locale=catalog_id, domain=DOMAIN), path)

    @property
    def is_source(self) -> bool:
        return self.catalog is None

    def plural_index(self, n: int) -> int:
        if self.catalog is None:
            return _english_plural(n)
        return int(_plural_function(self.catalog.plural_expr)(n))

    def state(self, context: str | None, msgid: str) -> tuple[MessageState, str | tuple[str, ...]]:
        """The state of one message and its usable translation (or "" when none)."""
        if self.catalog is None:
            return "translated", ""
        message = self.catalog.get(msgid, context=context)
        if message is None:
            return "missing", ""
        forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not all(forms):
            return "missing", ""
        if message.fuzzy:
            return "fuzzy", ""
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        wanted = set().union(*(_placeholders(str(i)) for i in ids))
        if any(_placeholders(str(form)) - wanted for form in forms):
            return "invalid", ""
        return "translated", tuple(str(f) for f in forms) if len(ids) > 1 else str(forms[0])


@lru_cache(maxsize=64)
def _plural_function(expr: str) -> Callable[[int], int]:
    return gettext_module.c2py(expr)


class _Lookup:
    """The gettext callables for one rendering; records every message they are asked for."""

    def __init__(self, translations: NoticeTranslations, locale: Locale) -> None:
        self.translations = translations
        self.locale = locale
        self.used: dict[MessageKey, MessageState] = {}

    def _find(self, context: str | None, msgid: str) -> str | tuple[str, ...]:
        state, string = self.translations.state(context, msgid)
        self.used.setdefault((context, msgid), state)
        return string

    def gettext(self, msgid: str, **values: Any) -> str:
        found = self._find(None, msgid)
        return _fill(found if isinstance(found, str) and found else msgid, values, self.locale)

    def pgettext(self, context: str, msgid: str, **values: Any) -> str:
        found = self._find(context, msgid)
        return _fill(found if isinstance(found, str) and found else msgid, values, self.locale)

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        found = self._find(None, singular)
        if isinstance(found, (list, tuple)) and found:
            index = min(self.translations.plural_index(n), len(found) - 1)
            text = found[index]
        else:
            text = singular if _english_plural(n) == 0 else plural
        return _fill(text, {"num": n, **values}, self.locale)

    def callables(self) -> dict[str, Callable[..., str]]:
        return {
            "_": self.gettext,
            "gettext": self.gettext,
            "ngettext": self.ngettext,
            "pgettext": self.pgettext,
        }


# --------------------------------------------------------------------------- rendering


def _catalog_id(locale: str) -> str:
    """A catalog id for a BCP 47 tag or catalog id: ``zh-Hans`` -> ``zh_Hans``."""
    return locales.to_catalog_id(locale)


def _babel_locale(catalog_id: str) -> Locale:
    try:
        return Locale.parse(catalog_id)
    except (UnknownLocaleError, ValueError) as exc:
        raise LocaleError(catalog_id, f"locale {catalog_id!r} is unknown to CLDR: {exc}") from None


@lru_cache(maxsize=8)
def _environment(notices_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(notices_dir),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is notice markup; notices_render escapes per format
    )
    return env


@dataclass(frozen=True)
class NoticeKit:
    """Where the templates and the profile are, read once for many notices."""

    notices_dir: Path
    profile: NoticeProfile

    @classmethod
    def from_settings(cls, settings: Settings) -> NoticeKit:
        notices_dir = settings.rules_path / NOTICES_SUBDIR
        return cls(notices_dir, load_profile(notices_dir))


def _check_supported(rule: Rule) -> None:
    for entry in rule.rights:
        if entry.applies and entry.right.value not in SUPPORTED_RIGHTS:
            raise NoticeFormatError(
                f"rule {rule.id!r}: no notice wording for right {entry.right.value!r};"
                " add it to periods.j2"
            )
    transfer = rule.cross_border_transfer
    for mechanism in transfer.mechanisms if transfer else ():
        if mechanism.value not in SUPPORTED_MECHANISMS:
            raise NoticeFormatError(
                f"rule {rule.id!r}: no notice wording for transfer mechanism"
                f" {mechanism.value!r}; add it to periods.j2"
            )


@dataclass(frozen=True)
class RenderedNotice:
    """A notice document and the messages it used, with their translation state."""

    document: NoticeDocument
    used: dict[MessageKey, MessageState] = field(default_factory=dict)


def _last_updated(rule: Rule, profile: NoticeProfile) -> date:
    return max(rule.last_reviewed, profile.last_updated)


def render_document(rule: Rule, translations: NoticeTranslations, kit: NoticeKit) -> RenderedNotice:
    """Render the template for ``rule`` in the translations' locale, recording its messages."""
    _check_supported(rule)
    babel_locale = _babel_locale(translations.locale)
    lookup = _Lookup(translations, babel_locale)
    updated = _last_updated(rule, kit.profile)
    try:
        template = _environment(kit.notices_dir).get_template(TEMPLATE)
        markup = template.render(
            rule=rule,
            profile=kit.profile,
            last_updated=format_date(updated, format="long", locale=babel_locale),
            **lookup.callables(),
        )
    except jinja2.TemplateSyntaxError as exc:
        where = f"{kit.notices_dir / (exc.name or TEMPLATE)}:{exc.lineno}"
        raise NoticeFormatError(f"{where}: template syntax: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise NoticeFormatError(f"{kit.notices_dir / TEMPLATE}: {exc}") from None

    title, summary, sections = parse_markup(markup, str(kit.notices_dir / TEMPLATE))
    direction: Literal["ltr", "rtl"] = (
        "rtl" if babel_locale.character_order == "right-to-left" else "ltr"
    )
    meta = {
        "rule_id": rule.id,
        "law": {"short": rule.name.short, "citation": rule.citation, "url": rule.url},
        "regulator": {
            "name": rule.regulator.name,
            "url": rule.regulator.url,
            "complaint_url": rule.regulator.complaint_url,
        },
        "last_updated": updated.isoformat(),
    }
    document = NoticeDocument(
        title=title,
        summary=summary,
        sections=sections,
        lang=locales.to_bcp47(translations.locale),
        direction=direction,
        meta=meta,
    )
    return RenderedNotice(document, dict(lookup.used))


def _resolve(
    locale: str,
    settings: Settings | None,
    translations: NoticeTranslations | None,
    kit: NoticeKit | None,
) -> tuple[NoticeTranslations, NoticeKit]:
    """The catalog and templates to use: given ones, else found from ``settings``."""
    if translations is not None and kit is not None:
        return translations, kit
    if settings is None:
        raise TypeError("pass settings, or both translations and kit")
    return (
        translations or NoticeTranslations.load(settings, locale),
        kit or NoticeKit.from_settings(settings),
    )


def render_notice(
    rule: Rule,
    locale: str,
    fmt: str = "md",
    *,
    settings: Settings | None = None,
    translations: NoticeTranslations | None = None,
    kit: NoticeKit | None = None,
) -> str:
    """The notice of ``rule`` in ``locale`` as Markdown, HTML or JSON text.

    Pass ``settings`` (catalog and templates found from it), or ``translations``
    and ``kit`` directly. Missing translations render as English; check
    :func:`notice_completeness` before publishing one.
    """
    if fmt not in FORMATS:
        raise NoticeFormatError(
            f"unknown notice format {fmt!r}; expected one of {', '.join(FORMATS)}"
        )
    translations, kit = _resolve(locale, settings, translations, kit)
    return write_document(render_document(rule, translations, kit).document, fmt)


# --------------------------------------------------------------------------- the legal gate


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
    translations, kit = _resolve(locale, settings, translations, kit)
    rendered = render_document(rule, translations, kit)
    return completeness_of(rule, rendered, locales.to_bcp47(translations.locale))


# --------------------------------------------------------------------------- releases


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
    return GateError(
        f"notice {rule.id!r} is required in {target.tag!r} by the law but cannot ship in region"
        f" {region_key!r}: {reason}; translate locales/<locale>/LC_MESSAGES/{DOMAIN}.po",
        locale=target.tag,
        rule_id=rule.id,
        region=region_key,
    )


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
            if target.catalog is None:
                reason = f"the matrix has no catalog for {target.tag!r}"
                if target.required:
                    raise _stop(rule, target, region_key, reason)
                entries.append(_withheld(rule, target, reason))
                continue
            rendered = render_document(rule, catalogs.get(target.catalog), kit)
            completeness = completeness_of(rule, rendered, target.tag)
            if not completeness.complete:
                if target.required:
                    raise _stop(rule, target, region_key, completeness.reason())
                entries.append(_withheld(rule, target, completeness.reason()))
                continue
            files = notice_artifacts(region_key, rule.id, rendered.document)
            artifacts.extend(files)
            reason = completeness.reason()
            if target.required:
                reason = f"required by {rule.name.short}; {reason}"
            entries.append(
                NoticeEntry(
                    rule_id=rule.id,
                    locale=target.tag,
                    status="shipped",
                    reason=reason,
                    required=target.required,
                    files=[_file_entry(a) for a in files],
                )
            )

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
