"""Plural forms: CLDR categories of a locale and the catalog's gettext forms for each.

A gettext catalog numbers its plural forms (``msgstr[0]``, ``msgstr[1]``, ...)
and picks one with the C expression of its ``Plural-Forms`` header; i18next
names them by CLDR category (``one``, ``few``, ``many``, ...). To convert, the
catalog's own expression is evaluated on sample counts of every CLDR category:
each category must land on exactly one form, and every form must be reached,
otherwise the catalog's rule and CLDR disagree and :class:`PluralRuleError`
says where. A rule with fewer forms than CLDR is accepted when it only merges
categories: French ``n > 1`` gives ``many`` (a million) the form of ``other``.

The expression is parsed here by a small recursive-descent parser for the C
subset gettext allows (``n``, integers, ``! * / % + - < <= > >= == != && || ?:``
and parentheses); nothing from a catalog is ever passed to ``eval``.

Whole counts decide the forms gettext itself uses. Categories that only
fractions reach (``other`` in Russian, Ukrainian and Polish, for 1.5) get a form
only when the catalog's rule has one for fractions that no whole count takes
(the extra form of Transifex-style rules). Known gap: with a classic
three-form rule such a category has no form, so an i18next client asking for a
fractional count falls back along ``fallbackLng``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from i18n_pipeline.errors import LocaleError
from i18n_pipeline.locales import canonicalize, to_catalog_id

#: CLDR's order of plural categories; i18next keys and reports follow it.
CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")

#: Whole counts sampled: every remainder mod 100 and 1000, and large round
#: numbers for rules on millions (French ``many``).
SAMPLE_COUNTS: tuple[int, ...] = (
    *range(0, 1001),
    *(10**power for power in range(4, 10)),
    *(k * 10**6 for k in range(2, 6)),
    1_000_001,
    1_100_000,
)

#: Fractional counts, for categories only fractions reach (Russian ``other``).
#: Each has visible decimals, which a float passed to a rule cannot show, so
#: none is integral (CLDR puts "1.0" apart from 1).
FRACTION_SAMPLES: tuple[Decimal, ...] = tuple(
    Decimal(f"{whole}.{decimals}") for whole in range(0, 112) for decimals in ("5", "1", "25")
)

#: A compiled plural rule: count -> form index (floats only for fraction samples).
PluralFunction = Callable[[float], float]


class PluralRuleError(LocaleError):
    """A catalog's ``Plural-Forms`` is malformed or disagrees with CLDR for its locale."""


def cldr_categories(tag: str) -> tuple[str, ...]:
    """Every CLDR plural category of ``tag``, in CLDR order (``other`` always last).

    >>> cldr_categories("ar")
    ('zero', 'one', 'two', 'few', 'many', 'other')
    >>> cldr_categories("ru"), cldr_categories("ja")
    (('one', 'few', 'many', 'other'), ('other',))
    """
    tags = set(_cldr_locale(tag).plural_form.tags) | {"other"}
    return tuple(category for category in CATEGORY_ORDER if category in tags)


def count_categories(tag: str) -> tuple[str, ...]:
    """The CLDR categories of ``tag`` that some whole count falls in.

    >>> count_categories("ru"), count_categories("fr")
    (('one', 'few', 'many'), ('one', 'many', 'other'))
    """
    return tuple(category for category in cldr_categories(tag) if category in _samples(tag))


def parse_plural_forms(header: str) -> tuple[int, str]:
    """Split a ``Plural-Forms`` header value into ``nplurals`` and the expression.

    >>> parse_plural_forms("nplurals=2; plural=(n > 1);")
    (2, '(n > 1)')
    """
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*", header)
    if match is None:
        raise PluralRuleError(
            header, f"malformed Plural-Forms {header!r}; expected 'nplurals=N; plural=EXPR;'"
        )
    return int(match.group(1)), match.group(2)


def compile_plural(expression: str) -> PluralFunction:
    """A function from a count to a form index, for a gettext C plural expression.

    >>> arabic = compile_plural("n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    ...                         "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5")
    >>> [arabic(n) for n in (0, 1, 2, 3, 11, 100)]
    [0, 1, 2, 3, 4, 5]
    >>> compile_plural("n > 1 +")
    Traceback (most recent call last):
    ...
    i18n_pipeline.bundles.plurals.PluralRuleError: plural expression 'n > 1 +': ...
    """
    return _Parser(expression).parse()


def plural_map(tag: str, nplurals: int, expression: str) -> dict[str, int]:
    """CLDR category -> gettext form index, for a catalog of ``tag`` with this rule.

    >>> plural_map("fr", 2, "(n > 1)")
    {'one': 0, 'many': 1, 'other': 1}
    >>> plural_map("ja", 1, "0")
    {'other': 0}
    >>> plural_map("ru", 2, "(n != 1)")
    Traceback (most recent call last):
    ...
    i18n_pipeline.bundles.plurals.PluralRuleError: plural rule 'nplurals=2; plural=(n != 1);' ...
    """
    return dict(_cached_plural_map(canonicalize(tag), nplurals, expression))


@lru_cache(maxsize=512)
def _cached_plural_map(tag: str, nplurals: int, expression: str) -> tuple[tuple[str, int], ...]:
    # Every catalog of a locale shares its rule, and a release renders each one
    # per region and domain: sampling once per rule saves most of the work.
    return tuple(_plural_map(tag, nplurals, expression, suggest=True).items())


def form_categories(tag: str, nplurals: int, expression: str) -> dict[int, tuple[str, ...]]:
    """Gettext form index -> the CLDR categories it serves: :func:`plural_map` inverted.

    >>> form_categories("fr", 2, "(n > 1)")
    {0: ('one',), 1: ('many', 'other')}
    """
    inverted: dict[int, list[str]] = {}
    for category, index in plural_map(tag, nplurals, expression).items():
        inverted.setdefault(index, []).append(category)
    return {index: tuple(inverted[index]) for index in sorted(inverted)}


def catalog_plural_map(catalog: Catalog, tag: str) -> dict[str, int]:
    """:func:`plural_map` for ``catalog``'s own ``Plural-Forms``, read for locale ``tag``."""
    return plural_map(tag, catalog.num_plurals, catalog.plural_expr)


def _plural_map(tag: str, nplurals: int, expression: str, *, suggest: bool) -> dict[str, int]:
    rule = f"nplurals={nplurals}; plural={expression};"
    choose = compile_plural(expression)

    mapping: dict[str, int] = {}
    for category, counts in _samples(tag).items():
        forms: dict[int, float] = {}
        for count in counts:
            index = choose(count)
            if not 0 <= index < nplurals:
                detail = f"n={count} selects form {index}, beyond nplurals={nplurals}"
                raise _mismatch(tag, rule, detail, suggest)
            forms.setdefault(int(index), count)
        if len(forms) > 1:
            raise _mismatch(tag, rule, _split_message(category, forms), suggest)
        mapping[category] = next(iter(forms))
    mapping.update(_fraction_forms(tag, choose, nplurals, set(mapping.values())))

    unused = sorted(set(range(nplurals)) - set(mapping.values()))
    if unused:
        detail = f"form {unused[0]} is never chosen, for whole counts or fractions"
        raise _mismatch(tag, rule, detail, suggest)
    return {category: mapping[category] for category in cldr_categories(tag) if category in mapping}


def _fraction_forms(
    tag: str, choose: PluralFunction, nplurals: int, taken: set[int]
) -> dict[str, int]:
    """Forms for categories only fractions reach, when the rule gives them a form of their own.

    Some catalogs (Transifex's for Czech, Russian, Ukrainian...) add a last form
    that only a fractional ``n`` selects, as a JavaScript evaluator would pass
    it. A category maps there when its fractional samples reach exactly one form
    that no whole count uses (some samples may reach whole-count forms: such
    rules test ``n % 100`` ranges that fractions like 12.5 fall into).
    Otherwise the catalog has no fraction form and the category stays out (see
    the module's known gap).
    """
    found: dict[str, int] = {}
    for category, samples in _fraction_samples(canonicalize(tag)):
        reached = {choose(float(sample)) for sample in samples}
        spare = {
            int(index)
            for index in reached
            if index == int(index) and 0 <= index < nplurals and int(index) not in taken
        }
        if len(spare) == 1:
            found[category] = spare.pop()
    return found


def _split_message(category: str, forms: Mapping[int, float]) -> str:
    examples = ", ".join(f"n={count} -> form {index}" for index, count in sorted(forms.items()))
    return f"counts of CLDR category {category!r} get different forms ({examples})"


def _mismatch(tag: str, rule: str, detail: str, suggest: bool) -> PluralRuleError:
    return PluralRuleError(
        tag,
        f"plural rule {rule!r} disagrees with CLDR for {tag!r}: {detail}"
        + (_suggestion(tag) if suggest else ""),
    )


def _suggestion(tag: str) -> str:
    """Babel's gettext rule for ``tag``, offered only when it agrees with CLDR itself."""
    try:
        nplurals, expression = get_plural(to_catalog_id(tag))
        _plural_map(tag, nplurals, expression, suggest=False)
    except (ValueError, LookupError, PluralRuleError):
        return ""
    return f"; a rule that agrees is 'nplurals={nplurals}; plural={expression};'"


def _cldr_locale(tag: str) -> Locale:
    try:
        return Locale.parse(to_catalog_id(tag))
    except (UnknownLocaleError, ValueError) as exc:
        raise LocaleError(tag, f"no CLDR plural rules for locale {tag!r}: {exc}") from None


@lru_cache(maxsize=256)
def _samples_cached(tag: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    rule = _cldr_locale(tag).plural_form
    found: dict[str, list[int]] = {}
    for count in SAMPLE_COUNTS:
        found.setdefault(rule(count), []).append(count)
    return tuple((category, tuple(counts)) for category, counts in found.items())


def _samples(tag: str) -> dict[str, tuple[int, ...]]:
    """Whole sample counts per CLDR category of ``tag``."""
    return dict(_samples_cached(canonicalize(tag)))


@lru_cache(maxsize=256)
def _fraction_samples(tag: str) -> tuple[tuple[str, tuple[Decimal, ...]], ...]:
    """Fractional samples of each category that no whole count reaches."""
    rule = _cldr_locale(tag).plural_form
    whole = set(_samples(tag))
    found: dict[str, list[Decimal]] = {}
    for sample in FRACTION_SAMPLES:
        category = rule(sample)
        if category not in whole:
            found.setdefault(category, []).append(sample)
    return tuple((category, tuple(samples)) for category, samples in found.items())


# The C expression parser. Each grammar rule returns a closure over n.

_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_BINARY: dict[str, Callable[[float, float], float]] = {
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: _divide(a, b, "/"),
    "%": lambda a, b: _divide(a, b, "%"),
}
# Binary operators by precedence, loosest first, as in C.
_LEVELS: tuple[tuple[str, ...], ...] = (
    ("||",),
    ("&&",),
    ("==", "!="),
    ("<", "<=", ">", ">="),
    ("+", "-"),
    ("*", "/", "%"),
)


def _divide(a: float, b: float, op: str) -> float:
    if b == 0:
        raise ZeroDivisionError(f"'{op}' by zero")
    return a // b if op == "/" else a % b


class _Parser:
    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = list(self._tokenize(expression))
        self.position = 0

    def parse(self) -> PluralFunction:
        body = self._ternary()
        if self.position != len(self.tokens):
            raise self._error(f"unexpected {self.tokens[self.position]!r}")

        def choose(n: float) -> float:
            try:
                return body(n)
            except ZeroDivisionError as exc:
                raise self._error(f"{exc} for n={n}") from None

        return choose

    def _tokenize(self, expression: str) -> Iterable[str]:
        position = 0
        stripped = expression.rstrip()
        while position < len(stripped):
            match = _TOKEN.match(stripped, position)
            if match is None:
                raise self._error(f"unexpected character {stripped[position:].strip()[0]!r}")
            yield match.group(match.lastindex or 0)
            position = match.end()

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None:
            raise self._error("ends too early")
        if expected is not None and token != expected:
            raise self._error(f"expected {expected!r}, found {token!r}")
        self.position += 1
        return token

    def _ternary(self) -> PluralFunction:
        condition = self._binary(0)
        if self._peek() != "?":
            return condition
        self._take("?")
        then = self._ternary()
        self._take(":")
        otherwise = self._ternary()
        return lambda n: then(n) if condition(n) else otherwise(n)

    def _binary(self, level: int) -> PluralFunction:
        if level == len(_LEVELS):
            return self._unary()
        left = self._binary(level + 1)
        while self._peek() in _LEVELS[level]:
            op = self._take()
            right = self._binary(level + 1)
            left = _combine(op, left, right)
        return left

    def _unary(self) -> PluralFunction:
        token = self._take()
        if token == "!":
            operand = self._unary()
            return lambda n: int(not operand(n))
        if token == "(":
            inner = self._ternary()
            self._take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise self._error(f"unexpected {token!r}")

    def _error(self, detail: str) -> PluralRuleError:
        return PluralRuleError(self.expression, f"plural expression {self.expression!r}: {detail}")


def _combine(op: str, left: PluralFunction, right: PluralFunction) -> PluralFunction:
    """``left op right``; ``&&`` and ``||`` skip the right side as C does."""
    if op == "&&":
        return lambda n: int(bool(left(n)) and bool(right(n)))
    if op == "||":
        return lambda n: int(bool(left(n)) or bool(right(n)))
    function = _BINARY[op]
    return lambda n: function(left(n), right(n))
