"""Locale tags: canonical spelling, catalog identifiers and fallback chains on real tags."""

from __future__ import annotations

import pytest

from i18n_pipeline.errors import LocaleError, PipelineError
from i18n_pipeline.locales import (
    canonicalize,
    fallback_chain,
    resolution_chain,
    to_bcp47,
    to_catalog_id,
)

# The shipped set of a region that carries most of the interesting cases.
SHIPPED = [
    "en", "zh-Hans", "zh-Hant", "zh-Hant-HK", "ja", "pt", "es", "es-419",
    "sr-Latn", "he", "nb", "no", "fr", "ar",
]  # fmt: skip

CHAINS = [
    # (requested tag, expected resolution chain)
    ("zh-HK", ["zh-Hant-HK", "zh-Hant", "en"]),
    ("zh-Hant-HK", ["zh-Hant-HK", "zh-Hant", "en"]),
    ("zh-TW", ["zh-Hant", "en"]),
    ("zh-MO", ["zh-Hant-HK", "zh-Hant", "en"]),
    ("zh-CN", ["zh-Hans", "en"]),
    ("zh-SG", ["zh-Hans", "en"]),
    ("zh", ["zh-Hans", "en"]),
    ("zh_Hans", ["zh-Hans", "en"]),
    ("cmn-Hans-CN", ["zh-Hans", "en"]),
    ("und-Hant", ["zh-Hant", "en"]),
    ("pt-BR", ["pt", "en"]),
    ("pt-PT", ["pt", "en"]),
    ("pt-AO", ["pt", "en"]),
    ("es-MX", ["es-419", "es", "en"]),
    ("es-AR", ["es-419", "es", "en"]),
    ("es-419", ["es-419", "es", "en"]),
    ("es-ES", ["es", "en"]),
    ("en-GB", ["en"]),
    ("en-US-u-ca-gregory", ["en"]),
    ("sr-Latn", ["sr-Latn", "en"]),
    ("sr-Latn-RS", ["sr-Latn", "en"]),
    ("sr", ["en"]),  # Cyrillic: never served the Latin catalog
    ("sr-Cyrl-RS", ["en"]),
    ("iw", ["he", "en"]),
    ("iw-IL", ["he", "en"]),
    ("nb-NO", ["nb", "no", "en"]),
    ("nn", ["no", "en"]),
    ("ja-JP", ["ja", "en"]),
    ("fr-CA", ["fr", "en"]),
    ("ar-EG", ["ar", "en"]),
    ("ar-SA", ["ar", "en"]),
    ("yue-HK", ["en"]),  # Cantonese is its own language, not Chinese
    ("ko", ["en"]),
    ("und", ["en"]),
    ("x-private", ["en"]),
    ("en", ["en"]),
]


@pytest.mark.parametrize(("tag", "expected"), CHAINS, ids=[row[0] for row in CHAINS])
def test_resolution_chain_of_real_tags(tag: str, expected: list[str]) -> None:
    assert resolution_chain(tag, SHIPPED, "en") == expected


@pytest.mark.parametrize(
    "tag", ["", "   ", "en--US", "en_US.UTF-8", "sr_RS@latin", "toolongtagxx", "en US", "123"]
)
def test_malformed_tags_raise_locale_error_quoting_the_tag(tag: str) -> None:
    with pytest.raises(LocaleError) as caught:
        canonicalize(tag)

    assert isinstance(caught.value, PipelineError)
    assert caught.value.tag == tag
    assert "expected a BCP 47 tag such as" in str(caught.value)
    if tag.strip():
        assert repr(tag) in str(caught.value)


def test_malformed_requested_tag_raises_from_resolution_chain() -> None:
    with pytest.raises(LocaleError, match="malformed locale tag 'pt--BR'"):
        resolution_chain("pt--BR", SHIPPED, "en")


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("zh_hant_hk", "zh-Hant-HK"),
        ("EN-gb", "en-GB"),
        ("iw", "he"),
        ("in", "id"),
        ("sh", "sr-Latn"),
        ("cmn-Hans", "zh-Hans"),
        ("i-klingon", "tlh"),
        ("es-419", "es-419"),
        (" pt-br ", "pt-BR"),
    ],
)
def test_canonicalize_spells_each_tag_one_way(tag: str, canonical: str) -> None:
    assert canonicalize(tag) == canonical


@pytest.mark.parametrize(
    ("catalog_id", "tag"),
    [("zh_Hans", "zh-Hans"), ("zh_Hant", "zh-Hant"), ("pt_BR", "pt-BR"), ("en", "en"),
     ("sr_Latn", "sr-Latn"), ("es_419", "es-419")],
)  # fmt: skip
def test_catalog_ids_and_tags_convert_both_ways(catalog_id: str, tag: str) -> None:
    assert to_bcp47(catalog_id) == tag
    assert to_catalog_id(tag) == catalog_id


def test_to_catalog_id_refuses_a_tag_without_language() -> None:
    with pytest.raises(LocaleError, match="names no language"):
        to_catalog_id("x-private")


def test_fallback_chain_is_the_resolution_chain_after_a_shipped_tag() -> None:
    assert fallback_chain("zh-Hant-HK", SHIPPED, "en") == ["zh-Hant", "en"]
    assert fallback_chain("zh-HK", SHIPPED, "en") == ["zh-Hant-HK", "zh-Hant", "en"]
    assert fallback_chain("ar", SHIPPED, "en") == ["en"]
    assert fallback_chain("en", SHIPPED, "en") == []


def test_source_ends_the_chain_even_when_not_listed_as_shipped() -> None:
    assert resolution_chain("ja-JP", ["ja"], "en") == ["ja", "en"]
    assert resolution_chain("ko", [], "en") == ["en"]


def test_available_tags_come_back_in_canonical_spelling() -> None:
    assert resolution_chain("zh-HK", ["zh_Hant", "en"], "en") == ["zh-Hant", "en"]


def test_override_on_a_shipped_tag_replaces_the_computed_rest() -> None:
    overrides = {"zh-Hant": ["zh-Hans"]}

    assert resolution_chain("zh-TW", SHIPPED, "en", overrides) == ["zh-Hant", "zh-Hans", "en"]
    assert fallback_chain("zh-Hant", SHIPPED, "en", overrides) == ["zh-Hans", "en"]


def test_override_on_the_requested_tag_wins_over_computed_steps() -> None:
    overrides = {"es-MX": ["es"]}  # skip es-419 for Mexico

    assert resolution_chain("es-MX", SHIPPED, "en", overrides) == ["es", "en"]


def test_override_targets_not_shipped_in_a_region_are_skipped() -> None:
    overrides = {"pt-PT": ["pt-AO", "es"]}

    assert resolution_chain("pt-PT", ["en", "es"], "en", overrides) == ["es", "en"]


def test_override_keys_and_targets_are_canonicalized() -> None:
    overrides = {"zh_hant": ["zh_Hans"]}

    assert fallback_chain("zh-Hant", SHIPPED, "en", overrides) == ["zh-Hans", "en"]


def test_malformed_override_names_the_override() -> None:
    with pytest.raises(LocaleError, match=r"fallback override for 'zh-Hant': malformed .*'zh--'"):
        resolution_chain("zh-Hant", SHIPPED, "en", {"zh-Hant": ["zh--"]})


def test_chain_holds_each_tag_once() -> None:
    chain = resolution_chain("en-GB", ["en", "en-US", "en"], "en")

    assert len(chain) == len(set(chain))
    assert chain[-1] == "en"
