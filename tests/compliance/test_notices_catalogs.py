"""The committed notices catalogs: valid for GNU gettext, CLDR plurals, placeholders intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from typer.testing import CliRunner

from i18n_pipeline.cli.main import app
from i18n_pipeline.config import Settings
from i18n_pipeline.extract import extract_domain
from i18n_pipeline.layout import catalog_path, template_path
from i18n_pipeline.pofile import read_catalog
from tests.support import msgfmt_check

REPO = Path(__file__).resolve().parents[2]
LOCALES = REPO / "locales"
MATRIX_LOCALES = ["zh_Hans", "zh_Hant", "ja", "ko", "es", "pt", "fr", "de", "ar"]
LEGAL_ONLY = ["ms"]  # languages a law requires that the product UI does not offer
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _ids(message: object) -> tuple[str, ...]:
    msgid = message.id  # type: ignore[attr-defined]
    return tuple(msgid) if isinstance(msgid, (list, tuple)) else (msgid,)


def _forms(message: object) -> tuple[str, ...]:
    string = message.string  # type: ignore[attr-defined]
    return tuple(string) if isinstance(string, (list, tuple)) else (string,)


@pytest.mark.parametrize("locale", MATRIX_LOCALES + LEGAL_ONLY)
def test_catalog_passes_msgfmt_check(locale: str) -> None:
    msgfmt_check(catalog_path(LOCALES, locale, "notices"))


@pytest.mark.parametrize("locale", MATRIX_LOCALES + LEGAL_ONLY)
def test_catalog_header_has_the_cldr_plural_forms(locale: str) -> None:
    catalog = read_catalog(catalog_path(LOCALES, locale, "notices"))
    expected = Catalog(locale=locale).plural_forms

    assert catalog.mime_headers and dict(catalog.mime_headers)["Plural-Forms"] == expected
    assert dict(catalog.mime_headers)["Language"] == locale
    for message in catalog:
        if message.id and isinstance(message.id, (list, tuple)) and message.string[0]:
            assert len(message.string) == catalog.num_plurals, message.id


@pytest.mark.parametrize("locale", MATRIX_LOCALES + LEGAL_ONLY)
def test_translations_keep_every_placeholder(locale: str) -> None:
    catalog = read_catalog(catalog_path(LOCALES, locale, "notices"))
    for message in catalog:
        if not message.id or not any(_forms(message)):
            continue
        expected = set().union(*(PLACEHOLDER.findall(i) for i in _ids(message)))
        found = set().union(*(PLACEHOLDER.findall(f) for f in _forms(message)))
        assert found == expected, (locale, message.id)
        for form in _forms(message):
            assert set(PLACEHOLDER.findall(form)) <= expected, (locale, form)


@pytest.mark.parametrize("locale", MATRIX_LOCALES + LEGAL_ONLY)
def test_catalog_holds_exactly_the_template_messages(locale: str) -> None:
    template = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in read_catalog(template_path(LOCALES, "notices"))
        if m.id
    }
    catalog = read_catalog(catalog_path(LOCALES, locale, "notices"))
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} == template


@pytest.mark.parametrize("locale", MATRIX_LOCALES + LEGAL_ONLY)
def test_catalog_is_complete(locale: str) -> None:
    catalog = read_catalog(catalog_path(LOCALES, locale, "notices"))
    unfinished = [m.id for m in catalog if m.id and (m.fuzzy or not all(_forms(m)))]
    assert unfinished == []


def test_template_is_up_to_date_with_the_notice_templates(settings: Settings) -> None:
    extracted = extract_domain(settings, "notices")
    committed = read_catalog(template_path(settings.locales_path, "notices"))

    def keys(catalog: Catalog) -> set[tuple[object, object]]:
        return {
            (m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalog if m.id
        }

    assert keys(extracted) == keys(committed)


def test_catalogs_are_merged_with_the_current_template(project: Path) -> None:
    """``i18n update --check`` finds nothing to merge: no catalog lags behind the POT."""
    result = CliRunner().invoke(
        app, ["update", "--check", "--domain", "notices", "--root", str(project)]
    )
    assert result.exit_code == 0, result.output
