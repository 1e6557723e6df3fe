"""gettext JSON bundles read back against polib's reading of the same PO file."""

from __future__ import annotations

import json
from collections.abc import Callable

import polib
import pytest
from babel.messages.catalog import Catalog

from i18n_pipeline.bundles import gettext_json
from tests.bundles.conftest import catalog_file


def expected_from_polib(locale: str) -> dict[str, object]:
    """What the bundle should hold, computed from polib (a second PO parser)."""
    expected: dict[str, object] = {}
    for entry in polib.pofile(str(catalog_file(locale))):
        if entry.fuzzy or entry.obsolete:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
            if all(forms):
                expected[key] = forms
        elif entry.msgstr:
            expected[key] = entry.msgstr
    return expected


@pytest.mark.parametrize("locale", ["ar", "ru", "uk", "ja", "fr", "en"])
def test_messages_read_back_as_polib_reads_the_catalog(
    load_catalog: Callable[[str], Catalog], locale: str
) -> None:
    document = json.loads(gettext_json.render(load_catalog(locale), locale))

    header = document.pop("")
    assert document == expected_from_polib(locale)
    assert header["language"] == locale
    assert (
        header["plural-forms"] == polib.pofile(str(catalog_file(locale))).metadata["Plural-Forms"]
    )


def test_context_key_joins_msgctxt_and_msgid_with_eot(
    load_catalog: Callable[[str], Catalog],
) -> None:
    document = json.loads(gettext_json.render(load_catalog("ar"), "ar"))

    assert document["menu\u0004Open"] == "فتح"
    assert document["interview\u0004{count} slot"][3] == "{count} مواعيد"
    assert "Open" not in document


def test_placeholders_stay_in_brace_form(load_catalog: Callable[[str], Catalog]) -> None:
    document = json.loads(gettext_json.render(load_catalog("fr"), "fr"))

    assert document["Hello {name}"] == "Bonjour {name}"
    assert document["{count} job"] == ["{count} offre", "{count} offres"]


def test_fuzzy_and_untranslated_are_left_out(load_catalog: Callable[[str], Catalog]) -> None:
    document = json.loads(gettext_json.render(load_catalog("ru"), "ru"))

    assert "Upload résumé" not in document
    assert "Delete account" not in document


def test_header_language_is_the_canonical_tag(load_catalog: Callable[[str], Catalog]) -> None:
    document = json.loads(gettext_json.render(load_catalog("ja"), "ja_JP"))

    assert document[""]["language"] == "ja-JP"


def test_same_catalog_gives_the_same_bytes(load_catalog: Callable[[str], Catalog]) -> None:
    first = gettext_json.render(load_catalog("ar"), "ar")

    assert first == gettext_json.render(load_catalog("ar"), "ar")
    assert first.endswith(b"\n")
