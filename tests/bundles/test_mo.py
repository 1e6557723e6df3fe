"""MO bundles: read by Python's gettext and by GNU msgunfmt, fuzzy left out, stable bytes."""

from __future__ import annotations

import gettext
import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog

from i18n_pipeline.bundles import mo
from tests.bundles.conftest import catalog_file


def translations(catalog: Catalog, tag: str) -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(mo.render(catalog, tag)))


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لا توجد وظائف (0)"),
        (1, "وظيفة واحدة (1)"),
        (2, "وظيفتان (2)"),
        (3, "3 وظائف"),
        (11, "11 وظيفةً"),
        (100, "100 وظيفة"),
        (103, "103 وظائف"),
    ],
)
def test_arabic_ngettext_picks_each_of_six_forms(
    load_catalog: Callable[[str], Catalog], count: int, expected: str
) -> None:
    reader = translations(load_catalog("ar"), "ar")

    assert reader.ngettext("{count} job", "{count} jobs", count).format(count=count) == expected


RUSSIAN_JOBS = [
    (1, "1 вакансия"), (3, "3 вакансии"), (5, "5 вакансий"),
    (11, "11 вакансий"), (21, "21 вакансия"), (22, "22 вакансии"),
]  # fmt: skip


@pytest.mark.parametrize(("count", "expected"), RUSSIAN_JOBS)
def test_russian_ngettext_follows_the_catalog_rule(
    load_catalog: Callable[[str], Catalog], count: int, expected: str
) -> None:
    reader = translations(load_catalog("ru"), "ru")

    assert reader.ngettext("{count} job", "{count} jobs", count).format(count=count) == expected


def test_contexts_resolve_with_pgettext(load_catalog: Callable[[str], Catalog]) -> None:
    reader = translations(load_catalog("ja"), "ja")

    assert reader.pgettext("menu", "Open") == "開く"
    assert reader.pgettext("status", "Open") == "募集中"
    assert reader.npgettext("interview", "{count} slot", "{count} slots", 7) == "面接枠{count}件"


def test_fuzzy_untranslated_and_partial_plurals_fall_back_to_the_msgid(
    load_catalog: Callable[[str], Catalog],
) -> None:
    reader = translations(load_catalog("ar"), "ar")

    assert reader.gettext("Upload résumé") == "Upload résumé"
    assert reader.gettext("Delete account") == "Delete account"
    assert reader.ngettext("{count} applicant", "{count} applicants", 1) == "{count} applicant"
    assert reader.ngettext("{count} applicant", "{count} applicants", 5) == "{count} applicants"


def test_gnu_msgunfmt_reads_exactly_the_shipped_messages(
    load_catalog: Callable[[str], Catalog], tmp_path: Path
) -> None:
    compiled = tmp_path / "messages.mo"
    compiled.write_bytes(mo.render(load_catalog("ar"), "ar"))

    result = subprocess.run(["msgunfmt", str(compiled)], capture_output=True, text=True, check=True)
    entries = {(e.msgctxt, e.msgid) for e in polib.pofile(result.stdout) if e.msgid}

    assert entries == {
        (None, "Search jobs"), (None, "Step 1: profile."), (None, "Hello {name}"),
        ("menu", "Open"), ("status", "Open"), (None, "{count} job"), ("interview", "{count} slot"),
    }  # fmt: skip


def test_header_keeps_the_catalog_plural_forms(load_catalog: Callable[[str], Catalog]) -> None:
    reader = translations(load_catalog("fr"), "fr")

    assert reader.info()["plural-forms"] == "nplurals=2; plural=(n > 1);"
    assert reader.ngettext("{count} job", "{count} jobs", 0) == "{count} offre"


def test_same_catalog_gives_the_same_bytes(load_catalog: Callable[[str], Catalog]) -> None:
    assert mo.render(load_catalog("ru"), "ru") == mo.render(load_catalog("ru"), "ru")


def test_rendering_leaves_the_catalog_unchanged(load_catalog: Callable[[str], Catalog]) -> None:
    catalog = load_catalog("ar")
    before = len(catalog)

    mo.render(catalog, "ar")

    assert len(catalog) == before
    assert catalog.get("Delete account") is not None


@pytest.mark.parametrize("locale", ["ru", "uk", "ja", "fr", "en"])
def test_answers_match_gnu_msgfmts_own_mo(
    load_catalog: Callable[[str], Catalog], locale: str, tmp_path: Path
) -> None:
    # These catalogs have no partly translated plural, the one case where the
    # pipeline deliberately differs from msgfmt (it leaves such a message out).
    gnu_file = tmp_path / "gnu.mo"
    subprocess.run(
        ["msgfmt", "-o", str(gnu_file), str(catalog_file(locale))], check=True, capture_output=True
    )
    gnu = gettext.GNUTranslations(io.BytesIO(gnu_file.read_bytes()))
    ours = translations(load_catalog(locale), locale)

    for entry in polib.pofile(str(catalog_file(locale))):
        for n in range(0, 30):
            if entry.msgid_plural and entry.msgctxt:
                args = (entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                assert ours.npgettext(*args) == gnu.npgettext(*args)
            elif entry.msgid_plural:
                args3 = (entry.msgid, entry.msgid_plural, n)
                assert ours.ngettext(*args3) == gnu.ngettext(*args3)
        if entry.msgctxt and not entry.msgid_plural:
            assert ours.pgettext(entry.msgctxt, entry.msgid) == gnu.pgettext(
                entry.msgctxt, entry.msgid
            )
        elif not entry.msgid_plural:
            assert ours.gettext(entry.msgid) == gnu.gettext(entry.msgid)
