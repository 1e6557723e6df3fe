"""Quality checks on translated catalogs: placeholders, plurals, markup, whitespace, length.

Each check is a small function registered with :func:`check` under a name and
a severity. The first line of its docstring is the title reports show. A
check yields one plain message per problem; :func:`check_catalog` wraps them
into :class:`Finding` records that carry the file, line, locale and msgid, and
:func:`check_locales` runs every catalog of the project and collects a
:class:`CheckReport`. What blocks is decided once, at the boundary: error
findings fail ``i18n check`` and the release, warnings are only reported.

Fuzzy entries are not shipped (bundles leave them out), so no check runs on
them; the report counts them so nobody forgets they exist.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from i18n_pipeline.bundles.plurals import compile_plural, form_categories
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CatalogError, LocaleError
from i18n_pipeline.layout import CatalogRef, iter_catalogs
from i18n_pipeline.pofile import read_catalog

log = logging.getLogger(__name__)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem in one catalog entry (or in the catalog header, msgid ``""``)."""

    path: Path
    line: int | None
    locale: str
    domain: str
    msgid: str
    msgctxt: str | None
    check: str
    severity: Severity
    message: str

    @property
    def where(self) -> str:
        """``path:line``, the form editors and CI annotators jump to."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


@dataclass(frozen=True)
class Entry:
    """A translated, non-fuzzy catalog entry as the entry checks see it."""

    message: Message
    locale: str
    nplurals: int
    #: Plural forms the catalog's rule picks for exactly one count (German msgstr[0] for 1):
    #: such a form may spell its number out instead of using the count placeholder.
    single_forms: frozenset[int] = frozenset()

    @property
    def sources(self) -> tuple[str, ...]:
        """msgid, and msgid_plural when the entry has one."""
        ids = self.message.id
        return tuple(ids) if isinstance(ids, (list, tuple)) else (ids,)

    @property
    def translations(self) -> tuple[str, ...]:
        """Every msgstr form, in order."""
        strings = self.message.string
        return tuple(strings) if isinstance(strings, (list, tuple)) else (strings or "",)

    def forms(self) -> Iterator[tuple[int, str, str, str]]:
        """``(index, label, source, translation)`` for each non-empty msgstr form.

        Form 0 pairs with msgid, every other form with msgid_plural; a language with one
        form for every count pairs it with msgid_plural.
        """
        sources = self.sources
        plural = len(sources) > 1
        for index, text in enumerate(self.translations):
            if not text:
                continue
            label = f"msgstr[{index}]" if plural else "msgstr"
            source = sources[-1] if plural and self.nplurals == 1 else sources[min(index, 1)]
            yield index, label, source, text

    def pairs(self) -> Iterator[tuple[str, str, str]]:
        """``(label, source, translation)`` for each non-empty msgstr form (see :meth:`forms`)."""
        for _index, label, source, text in self.forms():
            yield label, source, text


@dataclass(frozen=True)
class CatalogContext:
    """What a catalog-level check sees: the catalog, its locale and where its header is."""

    catalog: Catalog
    locale: str
    header_line: int | None


EntryCheck = Callable[[Entry], Iterable[str]]
CatalogCheck = Callable[[CatalogContext], Iterable[str]]


@dataclass(frozen=True)
class Check:
    """A registered check: its name, severity, scope and function."""

    name: str
    severity: Severity
    scope: Literal["entry", "catalog"]
    func: Callable[[Any], Iterable[str]]

    @property
    def title(self) -> str:
        """First line of the check's docstring, shown in reports."""
        doc = (self.func.__doc__ or self.name).strip()
        return doc.splitlines()[0].strip()


#: Every check, by name, in registration order.
CHECKS: dict[str, Check] = {}


def check(
    name: str, severity: Severity, *, scope: Literal["entry", "catalog"] = "entry"
) -> Callable[[Callable[[Any], Iterable[str]]], Callable[[Any], Iterable[str]]]:
    """Register the decorated function as the check ``name`` with ``severity``."""

    def register(func: Callable[[Any], Iterable[str]]) -> Callable[[Any], Iterable[str]]:
        if name in CHECKS:
            raise ValueError(f"check {name!r} is registered twice")
        CHECKS[name] = Check(name, severity, scope, func)
        return func

    return register


# --- pure helpers ---------------------------------------------------------------------------

_BRACE_FIELD = re.compile(r"\{([^{}]*)\}")


def brace_placeholders(text: str) -> list[str]:
    """Field names of the brace placeholders in ``text``; ``{{`` and ``}}`` are literal braces.

    A conversion or format spec is not part of the name.

    >>> brace_placeholders("Hello {name}, you have {count:d} {{new}} jobs")
    ['name', 'count']
    >>> brace_placeholders("{{literal}} {0} {user.name!r}")
    ['0', 'user.name']
    """
    unescaped = text.replace("{{", "\0\0").replace("}}", "\0\0")
    return [re.split(r"[!:]", m.group(1), maxsplit=1)[0] for m in _BRACE_FIELD.finditer(unescaped)]


def brace_fields(text: str) -> dict[str, set[str]]:
    """Placeholder name -> the whole fields using it (with conversion and format spec).

    >>> fields = brace_fields("{count:d} of {count} by {user!r}")
    >>> sorted(fields["count"]), fields["user"]
    (['{count:d}', '{count}'], {'{user!r}'})
    """
    unescaped = text.replace("{{", "\0\0").replace("}}", "\0\0")
    fields: dict[str, set[str]] = {}
    for match in _BRACE_FIELD.finditer(unescaped):
        name = re.split(r"[!:]", match.group(1), maxsplit=1)[0]
        fields.setdefault(name, set()).add(match.group(0))
    return fields


def stray_braces(text: str) -> int:
    """How many single ``{`` or ``}`` in ``text`` are not part of a placeholder or escape.

    ``str.format`` raises on any of them, so a translation with one breaks at runtime.

    >>> stray_braces("{name} and {{x}}")
    0
    >>> stray_braces("{name} and {count")
    1
    """
    unescaped = text.replace("{{", "").replace("}}", "")
    rest = _BRACE_FIELD.sub("", unescaped)
    return rest.count("{") + rest.count("}")


_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_VOID = frozenset({"br", "hr", "img", "input", "wbr", "col", "meta", "link", "source"})


def tags(text: str) -> list[tuple[str, str]]:
    """The markup tags in ``text`` as ``(kind, name)``: kind is open, close or void.

    Attributes are ignored; ``<br>`` and ``<br/>`` are the same void tag.

    >>> tags('Read <a href="{url}">the <strong>terms</strong></a><br/>')
    [('open', 'a'), ('open', 'strong'), ('close', 'strong'), ('close', 'a'), ('void', 'br')]
    >>> tags("2 < 3 and x>y")
    []
    """
    found: list[tuple[str, str]] = []
    for match in _TAG.finditer(text):
        closing, name, _attrs, self_closing = match.groups()
        name = name.lower()
        if closing:
            found.append(("close", name))
        elif self_closing or name in _VOID:
            found.append(("void", name))
        else:
            found.append(("open", name))
    return found


def unbalanced_tags(text: str) -> list[str]:
    """Problems with the nesting of the tags in ``text``, empty when it is well formed.

    >>> unbalanced_tags("<strong>bold</strong> <em>it</em>")
    []
    >>> unbalanced_tags("<strong><em>x</strong></em>")
    ['</strong> closes <em>', '</em> closes <strong>']
    >>> unbalanced_tags("<a>link")
    ['<a> is never closed']
    """
    problems: list[str] = []
    stack: list[str] = []
    for kind, name in tags(text):
        if kind == "open":
            stack.append(name)
        elif kind == "close":
            if not stack:
                problems.append(f"</{name}> closes nothing")
            elif stack[-1] != name:
                problems.append(f"</{name}> closes <{stack.pop()}>")
            else:
                stack.pop()
    problems.extend(f"<{name}> is never closed" for name in stack)
    return problems


_FOREIGN_PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%\d+\$[-#0+]*\d*(?:\.\d+)?[sdifxXeEgGc]"  # %1$s
    r"|(?<![%\w])%[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc@](?![A-Za-z])"  # %s, %d, %.2f
    r"|\$\{[^{}]*\}"  # ${name}
    r"|%\{[^{}]*\}"  # %{name}
)


def foreign_placeholders(text: str) -> list[str]:
    """printf and template placeholders that a brace-format project never fills.

    >>> foreign_placeholders("Hi %s, %(name)s has %1$d jobs at ${city}; 50% off; 100%%")
    ['%s', '%(name)s', '%1$d', '${city}']
    >>> foreign_placeholders("Save 20 % des frais")
    []
    """
    cleaned = text.replace("%%", "")
    return [m.group(0) for m in _FOREIGN_PLACEHOLDER.finditer(cleaned)]


# Typical length of a translation relative to its English source, by the script it is written
# in: the medians of the project's own catalogs (visible characters, entries of 8+ characters).
# Han text needs a third of the characters, kana-mixed Japanese and Hangul half; Arabic runs a
# little shorter than English, French, German, Spanish and Portuguese a quarter longer.
_SCRIPT_RATIO = {"han": 0.33, "kana": 0.5, "hangul": 0.5, "arabic": 0.85, "latin": 1.25}
# How far from that a translation may stray before the length check speaks. Short labels
# compress the most ("Right to rectification" is three Hangul syllables, a quarter of the usual).
_LONGER, _SHORTER = 2.5, 0.25


def script_of(text: str) -> str:
    """The dominant script of the letters in ``text``: han, kana, hangul, arabic, latin, other.

    >>> script_of("履歴書をアップロード"), script_of("이력서"), script_of("简历"), script_of("CV")
    ('kana', 'hangul', 'han', 'latin')
    """
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("CJK") or "IDEOGRAPH" in name:
            counts["han"] += 1
        elif name.startswith(("HIRAGANA", "KATAKANA")):
            counts["kana"] += 1
        elif name.startswith("HANGUL"):
            counts["hangul"] += 1
        elif name.startswith("ARABIC"):
            counts["arabic"] += 1
        elif name.startswith("LATIN"):
            counts["latin"] += 1
        else:
            counts["other"] += 1
    if counts["kana"]:
        # Japanese mixes kanji and kana; any kana at all means Japanese proportions.
        return "kana"
    return counts.most_common(1)[0][0] if counts else "other"


def visible_text(text: str) -> str:
    """``text`` without placeholders and tags, whitespace collapsed: what a reader sees.

    >>> visible_text('Hello <b>{name}</b>,  welcome')
    'Hello , welcome'
    """
    without = _TAG.sub("", _BRACE_FIELD.sub("", text))
    return " ".join(without.split())


# --- entry checks ---------------------------------------------------------------------------


def _placeholder_problems(expected: set[str], found: set[str]) -> list[str]:
    missing = sorted(expected - found)
    extra = sorted(found - expected)
    if len(missing) == 1 and len(extra) == 1:
        return [f"placeholder {{{missing[0]}}} renamed to {{{extra[0]}}}"]
    problems = [f"placeholder {{{name}}} is missing" for name in missing]
    problems += [f"placeholder {{{name}}} is not in the source" for name in extra]
    return problems


@check("placeholders", "error")
def check_placeholders(entry: Entry) -> Iterator[str]:
    """Brace placeholders differ from the source (missing, extra or renamed).

    Names are compared as sets: a translation may use a placeholder once where the source
    repeats it, or place them in another order. A plural form may leave out a placeholder
    that only msgid_plural has (``{count}`` in "one job"), a form the rule picks for one
    count only (German msgstr[0]) may write that number out and drop one placeholder, as
    msgfmt allows; every placeholder must appear in some form and none may be invented.
    """
    sources = entry.sources
    per_source = [set(brace_placeholders(text)) for text in sources]
    union = set().union(*per_source)
    required = per_source[0] & per_source[-1]
    plural = len(sources) > 1
    seen: set[str] = set()
    for index, label, _source, text in entry.forms():
        found = set(brace_placeholders(text))
        seen |= found
        if stray_braces(text):
            yield f"{label} has an unmatched brace; use {{{{ and }}}} for literal braces"
        expected = (required | (found & union)) if plural else union
        if plural and index in entry.single_forms and len(expected - found) == 1 and found <= union:
            # One count only: the number may be written out ("eine Stelle"), as msgfmt allows.
            expected = found
        for problem in _placeholder_problems(expected, found):
            yield f"{label}: {problem}"
        yield from _format_changes(label, sources, text)
    if plural:
        for name in sorted(union - seen):
            yield f"placeholder {{{name}}} appears in no plural form"


def _format_changes(label: str, sources: tuple[str, ...], text: str) -> Iterator[str]:
    """A placeholder the translation formats with a conversion or spec the source never uses."""
    allowed: dict[str, set[str]] = {}
    for source in sources:
        for name, fields in brace_fields(source).items():
            allowed.setdefault(name, set()).update(fields)
    for name, fields in sorted(brace_fields(text).items()):
        if name not in allowed:
            continue
        for changed in sorted(fields - allowed[name]):
            shown = ", ".join(sorted(allowed[name]))
            yield f"{label}: {changed} is formatted differently from the source's {shown}"


@check("plural-forms", "error")
def check_plural_count(entry: Entry) -> Iterator[str]:
    """A plural entry does not fill every plural form the catalog declares."""
    if len(entry.sources) < 2:
        return
    forms = entry.translations
    if len(forms) != entry.nplurals:
        yield f"has {len(forms)} plural forms, the header declares nplurals={entry.nplurals}"
    empty = [str(index) for index, text in enumerate(forms) if not text]
    if empty:
        yield f"msgstr[{', '.join(empty)}] empty; every form the header declares must be filled"


@check("markup", "error")
def check_markup(entry: Entry) -> Iterator[str]:
    """Markup tags differ from the source or are not balanced."""
    # Known gap: attributes are not compared, so a translated href or a dropped class goes
    # unnoticed unless it holds a placeholder (the placeholder check sees those).
    for label, source, text in entry.pairs():
        expected = Counter(tags(source))
        found = Counter(tags(text))
        if not expected and not found:
            continue
        for kind, name in sorted((expected - found).elements()):
            yield f"{label}: {_tag_text(kind, name)} from the source is missing"
        for kind, name in sorted((found - expected).elements()):
            yield f"{label}: {_tag_text(kind, name)} is not in the source"
        if expected == found:
            for problem in unbalanced_tags(text):
                yield f"{label}: {problem}"


def _tag_text(kind: str, name: str) -> str:
    return {"open": f"<{name}>", "close": f"</{name}>", "void": f"<{name}/>"}[kind]


@check("newlines", "error")
def check_newlines(entry: Entry) -> Iterator[str]:
    """Leading or trailing newline differs from the source (msgfmt --check rejects it)."""
    for label, source, text in entry.pairs():
        for where, test in (("starts", str.startswith), ("ends", str.endswith)):
            in_source, in_text = test(source, "\n"), test(text, "\n")
            if in_source and not in_text:
                yield f"the source {where} with a newline, {label} does not"
            elif in_text and not in_source:
                yield f"{label} {where} with a newline, the source does not"


@check("whitespace", "warning")
def check_whitespace(entry: Entry) -> Iterator[str]:
    """Leading or trailing spaces differ from the source."""
    for label, source, text in entry.pairs():
        source_lead = source[: len(source) - len(source.lstrip(" \t"))]
        text_lead = text[: len(text) - len(text.lstrip(" \t"))]
        if source_lead != text_lead:
            yield f"{label}: leading whitespace {text_lead!r}, source has {source_lead!r}"
        source_trail = _trailing_blanks(source)
        text_trail = _trailing_blanks(text)
        if source_trail != text_trail:
            yield f"{label}: trailing whitespace {text_trail!r}, source has {source_trail!r}"


def _trailing_blanks(text: str) -> str:
    body = text.rstrip("\n")
    return body[len(body.rstrip(" \t")) :]


@check("placeholder-style", "error")
def check_placeholder_style(entry: Entry) -> Iterator[str]:
    """A printf or template placeholder the brace-format runtime never fills."""
    for label, source, text in entry.pairs():
        allowed = Counter(foreign_placeholders(source))
        for token in sorted((Counter(foreign_placeholders(text)) - allowed).elements()):
            yield f"{label}: {token!r} is not a brace placeholder; the source uses {{name}}"


@check("length", "warning")
def check_length(entry: Entry) -> Iterator[str]:
    """The translation is far longer or shorter than its script usually needs."""
    for label, source, text in entry.pairs():
        visible = visible_text(text)
        source_len = len(visible_text(source))
        text_len = len(visible)
        if not source_len:
            continue
        script = script_of(visible)
        expected = source_len * _SCRIPT_RATIO.get(script, 1.0)
        if text_len > expected * _LONGER + 10:
            yield (
                f"{label}: {text_len} characters for a {source_len}-character source "
                f"(about {expected:.0f} is usual in {script} script)"
            )
        elif source_len >= 20 and text_len < expected * _SHORTER:
            yield (
                f"{label}: only {text_len} characters for a {source_len}-character source "
                f"(about {expected:.0f} is usual in {script} script)"
            )


# --- catalog checks -------------------------------------------------------------------------


def everyday_categories(locale: str) -> dict[str, int]:
    """CLDR plural category -> the smallest count below 1000 in it, for ``locale``.

    Categories missing here (French ``many``) only ever serve counts of a million or more.

    >>> everyday_categories("fr"), everyday_categories("ja")
    ({'one': 0, 'other': 2}, {'other': 0})
    """
    rule = Locale.parse(locale).plural_form
    found: dict[str, int] = {}
    for n in range(1000):
        found.setdefault(rule(n), n)
    return found


def _babel_rule(locale: str) -> str:
    rule = get_plural(locale)
    return f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"


def _plural_groups(context: CatalogContext) -> dict[int, tuple[str, ...]] | str:
    """Form index -> the CLDR categories it serves, or why the header cannot say."""
    catalog, locale = context.catalog, context.locale
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return f"locale {locale!r} is unknown to CLDR; plural forms cannot be verified"
    if catalog._num_plurals is None:
        return f"no Plural-Forms header; CLDR for {locale} needs {_babel_rule(locale)!r}"
    try:
        return form_categories(locale, catalog.num_plurals, catalog.plural_expr)
    except LocaleError as exc:
        return exc.message


@check("plural-header", "error", scope="catalog")
def check_plural_header(context: CatalogContext) -> Iterator[str]:
    """The Plural-Forms header is missing, invalid or disagrees with CLDR for the locale.

    The rule must give every CLDR category one form (the bundles map forms to i18next
    categories this way) and must not merge categories that everyday counts tell apart:
    an Arabic catalog with ``nplurals=2`` cannot say "two jobs" or "three jobs" right.
    """
    groups = _plural_groups(context)
    if isinstance(groups, str):
        yield groups
        return
    everyday = everyday_categories(context.locale)
    for index, categories in groups.items():
        merged = [category for category in categories if category in everyday]
        if len(merged) > 1:
            shown = ", ".join(f"{category} (n={everyday[category]})" for category in merged)
            yield (
                f"nplurals={context.catalog.num_plurals} gives {shown} the one form "
                f"msgstr[{index}]; CLDR for {context.locale} needs "
                f"{_babel_rule(context.locale)!r}"
            )


@check("plural-merge", "warning", scope="catalog")
def check_plural_merge(context: CatalogContext) -> Iterator[str]:
    """The plural rule gives a rare CLDR category (French "many", a million) another's form."""
    groups = _plural_groups(context)
    if isinstance(groups, str):
        return
    everyday = everyday_categories(context.locale)
    for index, categories in groups.items():
        rare = [category for category in categories if category not in everyday]
        if rare and len(categories) > 1 and len(categories) - len(rare) <= 1:
            yield (
                f"msgstr[{index}] serves {', '.join(categories)}; CLDR gives "
                f"{', '.join(rare)} a form of its own (counts of a million and more); "
                f"{_babel_rule(context.locale)!r} keeps it apart"
            )


# --- running checks -------------------------------------------------------------------------


@dataclass
class CheckReport:
    """Findings over a set of catalogs and what was looked at."""

    findings: list[Finding] = field(default_factory=list)
    catalogs: list[Path] = field(default_factory=list)
    entries: int = 0
    fuzzy_skipped: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def failed(self, *, strict: bool = False) -> bool:
        """True when there are errors, or any finding at all under ``strict``."""
        return bool(self.errors) or (strict and bool(self.findings))

    def by_path(self) -> dict[Path, list[Finding]]:
        """Findings grouped by file, files and findings in a stable order."""
        grouped: dict[Path, list[Finding]] = {}
        for finding in sorted(self.findings, key=_finding_order):
            grouped.setdefault(finding.path, []).append(finding)
        return grouped

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": {
                "catalogs": len(self.catalogs),
                "entries": self.entries,
                "fuzzy_skipped": self.fuzzy_skipped,
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
            "checks": {
                UNREADABLE: {"severity": "error", "title": "The catalog cannot be read."},
                **{c.name: {"severity": c.severity, "title": c.title} for c in CHECKS.values()},
            },
            "findings": [f.to_dict() for f in sorted(self.findings, key=_finding_order)],
        }


def single_count_forms(catalog: Catalog) -> frozenset[int]:
    """Plural forms that the catalog's rule picks for exactly one count from 0 to 1000.

    Empty when the catalog has no usable rule (the plural-header check reports that).

    >>> single_count_forms(Catalog(locale="de")), single_count_forms(Catalog(locale="fr"))
    (frozenset({0}), frozenset())
    """
    try:
        choose = compile_plural(catalog.plural_expr)
        picked = Counter(int(choose(n)) for n in range(1001))
    except (LocaleError, ValueError, ZeroDivisionError):
        return frozenset()
    return frozenset(form for form, count in picked.items() if count == 1)


def _finding_order(finding: Finding) -> tuple[str, int, str, str]:
    return (str(finding.path), finding.line or 0, finding.check, finding.message)


def _is_translated(message: Message) -> bool:
    strings = message.string
    if isinstance(strings, (list, tuple)):
        return any(strings)
    return bool(strings)


def _header_line(path: Path) -> int | None:
    """Line of the Plural-Forms header in the file, else of its first msgid."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    first: int | None = None
    for number, line in enumerate(lines, start=1):
        if line.startswith('"Plural-Forms:'):
            return number
        if first is None and line.startswith("msgid "):
            first = number
    return first


def check_catalog(
    catalog: Catalog, path: Path, locale: str, *, report: CheckReport | None = None
) -> list[Finding]:
    """Run every registered check on ``catalog`` (read from ``path``, for ``locale``).

    Untranslated entries have nothing to check; fuzzy ones are skipped (they are not shipped)
    and counted in ``report`` when one is given.
    """
    domain = catalog.domain or path.stem
    findings: list[Finding] = []

    def add(check_: Check, line: int | None, msgid: str, ctxt: str | None, text: str) -> None:
        findings.append(
            Finding(path, line, locale, domain, msgid, ctxt, check_.name, check_.severity, text)
        )

    context = CatalogContext(catalog, locale, _header_line(path))
    for check_ in CHECKS.values():
        if check_.scope == "catalog":
            for text in check_.func(context):
                add(check_, context.header_line, "", None, text)

    entry_checks = [c for c in CHECKS.values() if c.scope == "entry"]
    single_forms = single_count_forms(catalog)
    for message in catalog:
        if not message.id or not _is_translated(message):
            continue
        if message.fuzzy:
            if report is not None:
                report.fuzzy_skipped += 1
            continue
        if report is not None:
            report.entries += 1
        entry = Entry(message, locale, catalog.num_plurals, single_forms)
        msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        for check_ in entry_checks:
            for text in check_.func(entry):
                add(check_, message.lineno, msgid, message.context, text)
    return findings


#: Name of the finding for a catalog that cannot be parsed at all (not a registered check:
#: nothing else can run on such a file).
UNREADABLE = "syntax"


def _unreadable(path: Path, locale: str, domain: str, exc: CatalogError) -> Finding:
    message = f"cannot be read: {exc.message}"
    return Finding(path, exc.line, locale, domain, "", None, UNREADABLE, "error", message)


def _rule_required_refs(settings: Settings, domains: list[str]) -> list[CatalogRef]:
    """Notices catalogs of locales outside the matrix that a compliance rule requires."""
    from i18n_pipeline.compliance.notices_catalog import DOMAIN
    from i18n_pipeline.compliance.notices_gate import rule_notice_catalogs

    if DOMAIN not in domains:
        return []
    return list(iter_catalogs(settings.locales_path, rule_notice_catalogs(settings), [DOMAIN]))


def check_locales(
    settings: Settings,
    locales: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
) -> CheckReport:
    """Check the catalogs of ``locales`` and ``domains``.

    The default is every catalog a release uses: each matrix locale in each
    matrix domain, plus the ``notices`` catalog of each locale a rule requires
    outside the matrix (see :func:`_rule_required_refs`). A catalog that cannot
    be read becomes one error finding at the line the parser names.
    """
    matrix = settings.matrix
    wanted_locales = list(locales) if locales else [lang.locale for lang in matrix.languages]
    wanted_domains = list(domains) if domains else list(matrix.domains)
    refs = list(iter_catalogs(settings.locales_path, wanted_locales, wanted_domains))
    if not locales:
        refs += _rule_required_refs(settings, wanted_domains)
    report = CheckReport()
    for ref in refs:
        report.catalogs.append(ref.path)
        try:
            catalog = read_catalog(ref.path, locale=ref.locale, domain=ref.domain)
        except CatalogError as exc:
            log.debug("cannot read %s: %s", ref.path, exc.message)
            report.findings.append(_unreadable(ref.path, ref.locale, ref.domain, exc))
            continue
        report.findings.extend(check_catalog(catalog, ref.path, ref.locale, report=report))
    log.debug(
        "checked %d catalogs: %d errors, %d warnings",
        len(report.catalogs),
        len(report.errors),
        len(report.warnings),
    )
    return report
