"""Message and word counts per catalog, and completion against the priority matrix.

Counting follows Translate Toolkit's ``pocount``: the header and obsolete entries
are not messages; a message is *translated* when it is not fuzzy and every msgstr
form is filled, *fuzzy* when it is marked fuzzy and has a translation, and
*untranslated* otherwise. Word counts are source words (msgid plus msgid_plural),
so a German and a Japanese catalog of one template weigh the same. The tests hold
these counts against pocount itself (Translate Toolkit is a dev dependency).

A fuzzy entry whose msgstr is empty is untranslated, as both pocount and
``msgfmt --statistics`` count it (polib calls it fuzzy).
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from babel.messages.catalog import Catalog, Message

from i18n_pipeline.config import GateAction, Language, Matrix, Settings
from i18n_pipeline.layout import catalog_path, template_path
from i18n_pipeline.manifest import Completion, Gate, GateStatus
from i18n_pipeline.pofile import read_catalog

log = logging.getLogger(__name__)

Metric = Literal["messages", "words"]

# pocount's preprocessing: <br> breaks a word, other tags vanish, a full stop between two
# non-digits is replaced together with its neighbours by a space.
_BR = re.compile(r"<br\s*?/?>")
_XML_TAG = re.compile(r"""<[\w.:]+(?:\s(?:[\w.:]+=(?:"[^"\n]*?"|'[^'\n]*?'))?)*/?>|</[\w.]+>""")
_DOT_BETWEEN_NON_DIGITS = re.compile(r"\D\.\D")

# Unicode word-break classes (UAX #29) that decide what joins into one word.
_MID_LETTER = frozenset(":\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a")
_MID_NUM_LET = frozenset(".'\u2018\u2019\u2024\ufe52\uff07\uff0e")
_MID_NUM = frozenset(
    ",;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b"
)
_KATAKANA_MARKS = frozenset("\u3031\u3032\u3033\u3034\u3035\u309b\u309c\u30a0\u30fc\uff70")


def _word_break_class(char: str) -> str:
    """A simplified UAX #29 word-break class: LET, NUM, KATA, ENL, MID*, EXT, SOLO or OTHER."""
    if char in _MID_LETTER:
        return "MIDLET"
    if char in _MID_NUM_LET:
        return "MIDNUMLET"
    if char in _MID_NUM:
        return "MIDNUM"
    category = unicodedata.category(char)
    if category in ("Mn", "Mc", "Me", "Cf"):
        return "EXT"
    if category == "Pc":
        return "ENL"
    if category == "Nd":
        return "NUM"
    name = unicodedata.name(char, "")
    if "KATAKANA" in name or char in _KATAKANA_MARKS:
        return "KATA"
    if char.isalpha() or category == "Nl":
        if "IDEOGRAPH" in name or name.startswith(("CJK", "HIRAGANA")):
            return "SOLO"
        return "LET"
    return "SOLO" if char.isalnum() else "OTHER"


def _mid_joins(family: str | None, cls: str, after: str | None) -> bool:
    """Whether a mid-word character keeps the segment going (``don't``, ``1,000``)."""
    if family == "LET" and after == "LET":
        return cls in ("MIDLET", "MIDNUMLET")
    if family == "NUM" and after == "NUM":
        return cls in ("MIDNUM", "MIDNUMLET")
    return False


def _segment_words(text: str) -> int:
    """Words in ``text`` by Unicode word boundaries, counting segments with a letter or digit.

    Letters and digits join (``v1``, ``résumé``), an apostrophe or colon joins letters
    (``don't``), a comma or stop joins digits (``1,000``), katakana runs join, and each Han
    or hiragana character is a word of its own.
    """
    classes = [c for c in map(_word_break_class, text) if c != "EXT"]
    words = 0
    family: str | None = None  # what the current segment is made of, None between segments
    counted = False
    for index, cls in enumerate(classes):
        after = classes[index + 1] if index + 1 < len(classes) else None
        if cls in ("LET", "NUM", "KATA"):
            joins = family == "ENL" or (family in ("LET", "NUM") and cls != "KATA")
            joins = joins or (family == "KATA" and cls == "KATA")
            if not joins:
                counted = False
            if not counted:
                words += 1
                counted = True
            family = cls
        elif cls == "ENL":
            if family is None:
                counted = False
            family = "ENL"
        elif not _mid_joins(family, cls, after):
            family = None
            words += cls == "SOLO"
    return words


def count_words(text: str) -> int:
    """Words in ``text``, counted the way pocount (Translate Toolkit 3.x) counts them.

    pocount first turns ``<br>`` into a break, drops other markup tags and replaces a
    full stop between two non-digits (with its neighbours) by a space; then it counts
    Unicode word segments (UAX #29) that hold a letter or digit. Placeholders count as the
    words inside them, and each Han or hiragana character is a word. The pipeline counts
    source (English) text; the CJK rules only matter to callers counting translations.

    >>> count_words("Upload your résumé (PDF, 5 MB).")
    6
    >>> count_words("Hello <strong>{name}</strong>,<br/>welcome!")
    3
    >>> count_words("Don't miss 1,250 jobs — e.g. in sales")
    6
    >>> count_words("上传简历 now"), count_words("アップロード中")
    (5, 2)
    """
    text = _BR.sub("\n", text)
    text = _XML_TAG.sub("", text)
    text = _DOT_BETWEEN_NON_DIGITS.sub(" ", text)
    return _segment_words(text)


def message_words(message: Message) -> int:
    """Source words of ``message``: msgid, plus msgid_plural when it has one."""
    ids = message.id
    sources = ids if isinstance(ids, (list, tuple)) else (ids,)
    return sum(count_words(text) for text in sources)


def message_state(message: Message) -> Literal["translated", "fuzzy", "untranslated"]:
    """How pocount classifies ``message`` (see the module docstring).

    >>> message_state(Message("Save", "Speichern"))
    'translated'
    >>> message_state(Message(("{n} job", "{n} jobs"), ("{n} Job", "")))
    'untranslated'
    >>> message_state(Message("Save", "Sichern", flags=["fuzzy"]))
    'fuzzy'
    """
    strings = message.string
    forms = tuple(strings) if isinstance(strings, (list, tuple)) else (strings or "",)
    if message.fuzzy and any(forms):
        return "fuzzy"
    if not message.fuzzy and forms and all(forms):
        return "translated"
    return "untranslated"


@dataclass(frozen=True)
class CatalogStats:
    """Counts for one catalog; ``*_words`` are source words."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    total_words: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def message_completion(self) -> float:
        """translated / total; 0 for an empty catalog, as pocount reports it."""
        return self.translated / self.total if self.total else 0.0

    @property
    def word_completion(self) -> float:
        """translated_words / total_words; 0 when there are no words."""
        return self.translated_words / self.total_words if self.total_words else 0.0

    def completion(self, metric: Metric) -> float:
        return self.message_completion if metric == "messages" else self.word_completion

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "total_words": self.total_words,
            "translated_words": self.translated_words,
            "fuzzy_words": self.fuzzy_words,
            "untranslated_words": self.untranslated_words,
            "completion_messages": round(self.message_completion, 6),
            "completion_words": round(self.word_completion, 6),
        }


def catalog_stats(catalog: Catalog, *, all_translated: bool = False) -> CatalogStats:
    """Count ``catalog``'s messages and source words; header and obsolete entries excluded.

    ``all_translated`` counts every message as translated: the source language's
    template is its own translation.
    """
    counts = {"translated": [0, 0], "fuzzy": [0, 0], "untranslated": [0, 0]}
    for message in catalog:
        if not message.id:
            continue
        state = "translated" if all_translated else message_state(message)
        counts[state][0] += 1
        counts[state][1] += message_words(message)
    return CatalogStats(
        total=sum(n for n, _ in counts.values()),
        translated=counts["translated"][0],
        fuzzy=counts["fuzzy"][0],
        untranslated=counts["untranslated"][0],
        total_words=sum(w for _, w in counts.values()),
        translated_words=counts["translated"][1],
        fuzzy_words=counts["fuzzy"][1],
        untranslated_words=counts["untranslated"][1],
    )


def to_completion(stats: CatalogStats) -> Completion:
    """The manifest's :class:`~i18n_pipeline.manifest.Completion` for ``stats``."""
    return Completion(
        total=stats.total,
        translated=stats.translated,
        fuzzy=stats.fuzzy,
        untranslated=stats.untranslated,
        total_words=stats.total_words,
        translated_words=stats.translated_words,
        messages=stats.message_completion,
        words=stats.word_completion,
    )


def needed_for_target(target: float, total: int) -> int:
    """Smallest count out of ``total`` that reaches ``target`` (robust to float error).

    >>> needed_for_target(0.95, 40), needed_for_target(0.85, 7), needed_for_target(1.0, 0)
    (38, 6, 0)
    """
    return math.ceil(round(target * total, 9))


_ACTION_STATUS: dict[GateAction, GateStatus] = {
    GateAction.BLOCK: "fail",
    GateAction.WARN: "warn",
    GateAction.EXCLUDE: "excluded",
}


def gate(stats: CatalogStats, language: Language, matrix: Matrix, metric: Metric) -> Gate:
    """The matrix gate for ``language`` given its ``messages``-domain ``stats``.

    At or above target passes; below it the priority's gate action decides:
    block -> fail, warn -> warn, exclude -> excluded.
    """
    total, done = (
        (stats.total, stats.translated)
        if metric == "messages"
        else (stats.total_words, stats.translated_words)
    )
    needed = needed_for_target(language.target, total)
    shown = f"{stats.completion(metric):.1%} of {metric} vs target {language.target:.0%}"
    if done >= needed and total:
        return Gate(status="pass", reason=f"{shown}")
    action = matrix.gates[language.priority]
    status = _ACTION_STATUS[action]
    why = "no messages to translate" if not total else f"{needed - done} {metric} short"
    return Gate(
        status=status,
        reason=f"{shown}: {why}; {language.priority.value} gate is {action.value}",
    )


@dataclass(frozen=True)
class LocaleCompletion:
    """One matrix language: its stats per domain and the gate decision."""

    language: Language
    metric: Metric
    domains: dict[str, CatalogStats]
    gate: Gate
    messages_to_target: int
    words_to_target: int
    missing_domains: tuple[str, ...] = ()

    @property
    def status(self) -> GateStatus:
        return self.gate.status

    @property
    def gating(self) -> CatalogStats:
        """The stats the gate uses: the ``messages`` (product) domain."""
        return self.domains.get(GATE_DOMAIN, CatalogStats())

    @property
    def completion(self) -> float:
        return self.gating.completion(self.metric)

    def to_dict(self) -> dict[str, Any]:
        lang = self.language
        return {
            "locale": lang.locale,
            "name": lang.name,
            "priority": lang.priority.value,
            "regions": list(lang.regions),
            "target": lang.target,
            "metric": self.metric,
            "completion": round(self.completion, 6),
            "status": self.status,
            "reason": self.gate.reason,
            "messages_to_target": self.messages_to_target,
            "words_to_target": self.words_to_target,
            "missing_domains": list(self.missing_domains),
            "domains": {name: stats.to_dict() for name, stats in self.domains.items()},
        }


@dataclass(frozen=True)
class RegionSummary:
    """Completion of the languages one region ships, summed over their gating catalogs."""

    region: str
    name: str
    locales: tuple[str, ...]
    statuses: dict[str, int]
    total_words: int
    translated_words: int
    total: int
    translated: int

    @property
    def word_completion(self) -> float:
        return self.translated_words / self.total_words if self.total_words else 0.0

    @property
    def message_completion(self) -> float:
        return self.translated / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "name": self.name,
            "locales": list(self.locales),
            "statuses": dict(self.statuses),
            "total": self.total,
            "translated": self.translated,
            "total_words": self.total_words,
            "translated_words": self.translated_words,
            "completion_messages": round(self.message_completion, 6),
            "completion_words": round(self.word_completion, 6),
        }


@dataclass(frozen=True)
class CompletionReport:
    """Completion of every requested matrix language, and per region."""

    metric: Metric
    source_locale: str
    locales: list[LocaleCompletion]
    regions: list[RegionSummary] = field(default_factory=list)

    @property
    def failures(self) -> list[LocaleCompletion]:
        """Languages whose gate blocks the release."""
        return [row for row in self.locales if row.status == "fail"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "gate_domain": GATE_DOMAIN,
            "source_locale": self.source_locale,
            "locales": [row.to_dict() for row in self.locales],
            "regions": [region.to_dict() for region in self.regions],
        }


#: The domain whose completion gates a release (the product UI); notices have their own gate.
GATE_DOMAIN = "messages"

_STATUSES: tuple[GateStatus, ...] = ("pass", "warn", "fail", "excluded")


def domain_stats(settings: Settings, locale: str, domain: str) -> CatalogStats | None:
    """Stats of ``locale``'s catalog for ``domain``.

    The source language counts its template as fully translated. A translated language
    without a catalog counts the template as all untranslated, so a missing file fails
    its gate instead of vanishing. None when neither catalog nor template exists.
    Raises :class:`CatalogError` for a file that cannot be read.
    """
    locales_dir = settings.locales_path
    template = template_path(locales_dir, domain)
    if locale == settings.matrix.source_locale:
        path = catalog_path(locales_dir, locale, domain)
        source = path if path.exists() else template
        if not source.exists():
            return None
        return catalog_stats(read_catalog(source, domain=domain), all_translated=True)
    path = catalog_path(locales_dir, locale, domain)
    if path.exists():
        return catalog_stats(read_catalog(path, locale=locale, domain=domain))
    if template.exists():
        log.debug("no %s catalog for %s; counting %s as untranslated", domain, locale, template)
        return catalog_stats(read_catalog(template, domain=domain))
    return None


def _locale_completion(settings: Settings, language: Language, metric: Metric) -> LocaleCompletion:
    matrix = settings.matrix
    domains: dict[str, CatalogStats] = {}
    missing: list[str] = []
    for domain in matrix.domains:
        stats = domain_stats(settings, language.locale, domain)
        if stats is None:
            missing.append(domain)
        else:
            domains[domain] = stats
    gating = domains.get(GATE_DOMAIN, CatalogStats())
    return LocaleCompletion(
        language=language,
        metric=metric,
        domains=domains,
        gate=gate(gating, language, matrix, metric),
        messages_to_target=max(
            0, needed_for_target(language.target, gating.total) - gating.translated
        ),
        words_to_target=max(
            0, needed_for_target(language.target, gating.total_words) - gating.translated_words
        ),
        missing_domains=tuple(missing),
    )


def _region_summaries(settings: Settings, rows: list[LocaleCompletion]) -> list[RegionSummary]:
    summaries: list[RegionSummary] = []
    for key, region in settings.regions.regions.items():
        members = [row for row in rows if key in row.language.regions]
        if not members:
            continue
        statuses: dict[str, int] = {
            status: sum(1 for r in members if r.status == status) for status in _STATUSES
        }
        summaries.append(
            RegionSummary(
                region=key,
                name=region.name,
                locales=tuple(row.language.locale for row in members),
                statuses=statuses,
                total_words=sum(r.gating.total_words for r in members),
                translated_words=sum(r.gating.translated_words for r in members),
                total=sum(r.gating.total for r in members),
                translated=sum(r.gating.translated for r in members),
            )
        )
    return summaries


def completion_report(
    settings: Settings, locales: Iterable[str] | None = None, *, metric: Metric | None = None
) -> CompletionReport:
    """Completion of ``locales`` (default: every matrix language) against their targets.

    ``metric`` overrides the matrix's ``gate_metric``. Raises :class:`CatalogError` when
    a catalog cannot be read and ``KeyError`` for a locale the matrix does not list.
    """
    matrix = settings.matrix
    chosen = metric or matrix.gate_metric
    wanted = list(locales) if locales else [lang.locale for lang in matrix.languages]
    languages = [matrix.language(locale) for locale in wanted]
    rows = [_locale_completion(settings, language, chosen) for language in languages]
    return CompletionReport(
        metric=chosen,
        source_locale=matrix.source_locale,
        locales=rows,
        regions=_region_summaries(settings, rows),
    )
