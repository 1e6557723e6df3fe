"""Plural forms: the C expression evaluator and the gettext form <-> CLDR category map."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache

import pytest
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural
from hypothesis import given, settings
from hypothesis import strategies as st

from i18n_pipeline.bundles.plurals import (
    PluralRuleError,
    catalog_plural_map,
    cldr_categories,
    compile_plural,
    count_categories,
    form_categories,
    parse_plural_forms,
    plural_map,
)
from i18n_pipeline.errors import LocaleError

# Locales whose babel (CLDR-derived) gettext rules exercise every operator.
REFEREE_LOCALES = ["ar", "ru", "uk", "pl", "cs", "sl", "ga", "cy", "lv", "lt", "ro", "fr", "he"]


@pytest.mark.parametrize("locale", REFEREE_LOCALES)
def test_evaluator_agrees_with_python_gettext_on_real_rules(locale: str) -> None:
    expression = get_plural(locale).plural_expr
    ours = compile_plural(expression)
    referee = gettext.c2py(expression)

    assert [ours(n) for n in range(0, 1200)] == [referee(n) for n in range(0, 1200)]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("n == 1 ? 0 : n == 2 ? 1 : 2", [2, 0, 1, 2]),  # ?: nests to the right
        ("1 + 2 * n % 3", [1, 3, 2, 1]),  # * and % bind tighter than +
        ("n < 2 == 1", [1, 1, 0, 0]),  # < binds tighter than ==
        ("!n", [1, 0, 0, 0]),
        ("!(n - 1)", [0, 1, 0, 0]),
        ("n / 2", [0, 0, 1, 1]),
        ("n != 0 && 4 / n >= 2", [0, 1, 1, 0]),  # && skips the division at 0
        ("n == 0 || 4 % n == 0", [1, 1, 1, 0]),
    ],
)
def test_evaluator_follows_c_precedence(expression: str, expected: list[int]) -> None:
    choose = compile_plural(expression)

    assert [choose(n) for n in range(4)] == expected


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("n > 1 +", "ends too early"),
        ("(n > 1", "ends too early"),
        ("n > 1)", "unexpected ')'"),
        ("n ? 1", "ends too early"),
        ("__import__('os')", "unexpected character '_'"),
        ("n ** 2", "unexpected '*'"),
        ("x > 1", "unexpected character 'x'"),
    ],
)
def test_malformed_expression_is_refused_with_the_problem(expression: str, problem: str) -> None:
    with pytest.raises(PluralRuleError) as caught:
        compile_plural(expression)

    assert repr(expression) in str(caught.value)
    assert problem in str(caught.value)


def test_division_by_zero_names_the_count() -> None:
    choose = compile_plural("10 % n")

    with pytest.raises(PluralRuleError, match="'%' by zero for n=0"):
        choose(0)


def test_parse_plural_forms_splits_header_and_refuses_garbage() -> None:
    assert parse_plural_forms("nplurals=3; plural=(n%10==1 ? 0 : 2);") == (3, "(n%10==1 ? 0 : 2)")

    with pytest.raises(PluralRuleError, match="expected 'nplurals=N; plural=EXPR;'"):
        parse_plural_forms("plural=n != 1")


@pytest.mark.parametrize(
    ("tag", "categories", "whole"),
    [
        ("ar", ("zero", "one", "two", "few", "many", "other"), ("zero", "one", "two", "few",
                                                                "many", "other")),
        ("ru", ("one", "few", "many", "other"), ("one", "few", "many")),
        ("pl", ("one", "few", "many", "other"), ("one", "few", "many")),
        ("ja", ("other",), ("other",)),
        ("zh-Hant", ("other",), ("other",)),
        ("fr", ("one", "many", "other"), ("one", "many", "other")),
        ("en", ("one", "other"), ("one", "other")),
    ],
)  # fmt: skip
def test_cldr_categories_and_those_whole_counts_reach(
    tag: str, categories: tuple[str, ...], whole: tuple[str, ...]
) -> None:
    assert cldr_categories(tag) == categories
    assert count_categories(tag) == whole


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ar", {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 4, "other": 5}),
        ("ru", {"one": 0, "few": 1, "many": 2}),
        ("ja", {"other": 0}),
        ("fr", {"one": 0, "many": 1, "other": 1}),  # n>1: French "many" shares "other"'s form
        ("en", {"one": 0, "other": 1}),
    ],
)
def test_catalog_rule_maps_to_cldr_categories(
    load_catalog: Callable[[str], Catalog], locale: str, expected: dict[str, int]
) -> None:
    assert catalog_plural_map(load_catalog(locale), locale) == expected


def test_babel_three_form_french_rule_maps_many_to_its_own_form() -> None:
    nplurals, expression = get_plural("fr")

    assert plural_map("fr", nplurals, expression) == {"one": 0, "many": 1, "other": 2}


def test_english_rule_on_a_russian_catalog_is_a_mismatch() -> None:
    with pytest.raises(PluralRuleError) as caught:
        plural_map("ru", 2, "(n != 1)")

    message = str(caught.value)
    assert "disagrees with CLDR for 'ru'" in message
    assert "category 'one' get different forms (n=1 -> form 0, n=21 -> form 1)" in message
    assert "a rule that agrees is 'nplurals=3; plural=n % 10 == 1" in message
    assert isinstance(caught.value, LocaleError)


def test_a_form_no_count_reaches_is_a_mismatch() -> None:
    with pytest.raises(
        PluralRuleError, match="form 2 is never chosen, for whole counts or fractions"
    ):
        plural_map("fr", 3, "n > 1")


# Transifex-style rules, as in Django's catalogs: a last form only fractions reach.
RUSSIAN_WITH_FRACTIONS = (
    "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : "
    "n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3)"
)
CZECH_WITH_FRACTIONS = (
    "(n == 1 && n % 1 == 0) ? 0 : (n >= 2 && n <= 4 && n % 1 == 0) ? 1: (n % 1 != 0 ) ? 2 : 3"
)


def test_a_form_only_fractions_reach_serves_the_fraction_category() -> None:
    assert plural_map("ru", 4, RUSSIAN_WITH_FRACTIONS) == {
        "one": 0, "few": 1, "many": 2, "other": 3,
    }  # fmt: skip
    assert plural_map("cs", 4, CZECH_WITH_FRACTIONS) == {
        "one": 0, "few": 1, "many": 2, "other": 3,
    }  # fmt: skip


def test_a_fraction_category_never_borrows_a_whole_count_form() -> None:
    nplurals, expression = get_plural("ru")  # three forms, none for fractions

    assert "other" not in plural_map("ru", nplurals, expression)


def test_mismatch_offers_no_rule_when_babels_own_disagrees_with_cldr() -> None:
    # babel's gettext table says n != 1 for Tajik; its CLDR data puts 0 in "one".
    with pytest.raises(PluralRuleError) as caught:
        plural_map("tg", 2, "(n != 1)")

    assert "category 'one' get different forms (n=1 -> form 0, n=0 -> form 1)" in str(caught.value)
    assert "a rule that agrees" not in str(caught.value)


def test_a_form_index_beyond_nplurals_is_a_mismatch() -> None:
    with pytest.raises(PluralRuleError, match="n=2 selects form 2, beyond nplurals=2"):
        plural_map("en", 2, "n")


def test_arabic_rule_that_cuts_few_at_nine_is_a_mismatch() -> None:
    rule = "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=9 ? 3 : n%100>=10 ? 4 : 5"

    with pytest.raises(PluralRuleError, match="category 'few' get different forms"):
        plural_map("ar", 6, rule)


def test_a_rule_with_fewer_forms_than_cldr_shares_forms_between_categories() -> None:
    rule = "n==0 ? 0 : n==1 ? 1 : n%100>=3 && n%100<=10 ? 2 : n%100>=11 ? 3 : 4"

    mapping = plural_map("ar", 5, rule)

    assert mapping == {"zero": 0, "one": 1, "two": 4, "few": 2, "many": 3, "other": 4}


def test_locale_without_cldr_data_is_a_locale_error() -> None:
    with pytest.raises(LocaleError, match="no CLDR plural rules for locale 'tlh'"):
        cldr_categories("tlh")


def test_form_categories_lists_what_each_msgstr_serves() -> None:
    nplurals, expression = get_plural("ar")

    assert form_categories("ar", nplurals, expression) == {
        0: ("zero",), 1: ("one",), 2: ("two",), 3: ("few",), 4: ("many",), 5: ("other",),
    }  # fmt: skip
    assert form_categories("ja", 1, "0") == {0: ("other",)}


ARITHMETIC = st.sampled_from(["+", "-", "*", "/", "%"])
RELATIONS = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
LOGIC = st.sampled_from(["&&", "||"])


def joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map(" ".join)


@lru_cache
def c_expressions(depth: int) -> st.SearchStrategy[str]:
    """Random gettext plural expressions up to ``depth`` levels of nesting.

    ``&&`` and ``||`` only join conditions (0 or 1), because Python's ``and``
    and ``or``, which the referee ``gettext.c2py`` uses, return an operand
    where C returns 0 or 1; for conditions the two agree. A nested ``?:`` is
    parenthesized so that no ``||`` can regroup with what follows it.
    """
    leaf = st.one_of(st.just("n"), st.integers(0, 12).map(str), st.integers(0, 120).map(str))
    if depth == 0:
        return leaf
    inner = c_expressions(depth - 1)
    arithmetic = joined(inner, ARITHMETIC, inner)
    return st.one_of(
        leaf,
        arithmetic,
        arithmetic,
        joined(arithmetic, ARITHMETIC, inner),
        inner.map(lambda text: f"({text})"),
        conditions(depth).map(lambda text: f"({text})"),
        ternaries(depth).map(lambda text: f"({text})"),
    )


@lru_cache
def conditions(depth: int) -> st.SearchStrategy[str]:
    values = c_expressions(depth - 1)
    comparison = joined(values, RELATIONS, values)
    if depth <= 1:
        return comparison
    smaller = conditions(depth - 1)
    return st.one_of(
        comparison,
        joined(smaller, LOGIC, smaller),
        smaller.map(lambda text: f"!({text})"),
    )


@lru_cache
def ternaries(depth: int) -> st.SearchStrategy[str]:
    values = c_expressions(depth - 1)
    return st.tuples(conditions(depth), values, values).map(
        lambda parts: f"{parts[0]} ? {parts[1]} : {parts[2]}"
    )


@settings(max_examples=300, deadline=None)
@given(expression=st.one_of(c_expressions(3), ternaries(3)))
def test_evaluator_agrees_with_python_gettext_on_random_expressions(expression: str) -> None:
    referee = gettext.c2py(expression)
    ours = compile_plural(expression)

    for n in (*range(0, 25), 100, 101, 111, 1000):
        try:
            expected = referee(n)
        except ZeroDivisionError:
            with pytest.raises(PluralRuleError, match="by zero"):
                ours(n)
            continue
        assert ours(n) == expected, f"{expression!r} at n={n}"
