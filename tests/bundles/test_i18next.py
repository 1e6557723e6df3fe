"""i18next v4 bundles: key shapes, what is left out, placeholders, stable bytes."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from i18n_pipeline.bundles import i18next
from i18n_pipeline.bundles.plurals import PluralRuleError
from i18n_pipeline.errors import BundleError


def bundle(catalog: Catalog, tag: str) -> dict[str, str]:
    data = i18next.render(catalog, tag)
    parsed = json.loads(data)
    assert isinstance(parsed, dict)
    return parsed


def test_arabic_bundle_has_every_cldr_category_of_a_plural(
    load_catalog: Callable[[str], Catalog],
) -> None:
    keys = bundle(load_catalog("ar"), "ar")

    assert {key for key in keys if key.startswith("{count} job_")} == {
        f"{{count}} job_{category}" for category in ("zero", "one", "two", "few", "many", "other")
    }
    assert keys["{count} job_zero"] == "لا توجد وظائف ({{count}})"
    assert keys["{count} job_many"] == "{{count}} وظيفةً"
    assert keys["{count} job_other"] == "{{count}} وظيفة"


def test_plural_keys_use_the_target_locales_categories(
    load_catalog: Callable[[str], Catalog],
) -> None:
    russian = bundle(load_catalog("ru"), "ru")
    japanese = bundle(load_catalog("ja"), "ja")
    french = bundle(load_catalog("fr"), "fr")

    assert sorted(k for k in russian if k.startswith("{count} job")) == [
        "{count} job_few", "{count} job_many", "{count} job_one",
    ]  # fmt: skip
    assert [k for k in japanese if k.startswith("{count} job")] == ["{count} job_other"]
    assert french["{count} job_one"] == "{{count}} offre"
    assert french["{count} job_many"] == french["{count} job_other"] == "{{count}} offres"


def test_a_catalog_form_for_fractions_becomes_the_other_key(
    load_catalog: Callable[[str], Catalog],
) -> None:
    keys = bundle(load_catalog("uk"), "uk")

    assert {k: v for k, v in keys.items() if k.startswith("{count} job")} == {
        "{count} job_one": "{{count}} вакансія",
        "{count} job_few": "{{count}} вакансії",
        "{count} job_many": "{{count}} вакансій",
        "{count} job_other": "{{count}} вакансії (дробове)",
    }


def test_context_becomes_the_key_suffix_before_the_plural_category(
    load_catalog: Callable[[str], Catalog],
) -> None:
    keys = bundle(load_catalog("ru"), "ru")

    assert keys["Open_menu"] == "Открыть"
    assert keys["Open_status"] == "Открыта"
    assert "Open" not in keys
    assert keys["{count} slot_interview_few"] == "{{count}} слота"


def test_msgids_are_keys_verbatim_with_separators_untouched(
    load_catalog: Callable[[str], Catalog],
) -> None:
    keys = bundle(load_catalog("ar"), "ar")

    assert keys["Step 1: profile."] == "الخطوة 1: الملف الشخصي."


def test_placeholders_become_double_braces_and_literal_braces_single(
    load_catalog: Callable[[str], Catalog],
) -> None:
    keys = bundle(load_catalog("fr"), "fr")

    assert keys["Hello {name}"] == "Bonjour {{name}}"
    assert keys["Use {{braces}} for {field}"] == "Utilisez {accolades} pour {{field}}"


def test_fuzzy_untranslated_and_partly_translated_messages_are_left_out(
    load_catalog: Callable[[str], Catalog],
) -> None:
    keys = bundle(load_catalog("ar"), "ar")

    assert "Upload résumé" not in keys  # fuzzy
    assert "Delete account" not in keys  # empty msgstr
    assert not [key for key in keys if key.startswith("{count} applicant")]  # one form only
    assert "" not in keys  # the header


def test_fuzzy_plural_with_context_is_left_out(load_catalog: Callable[[str], Catalog]) -> None:
    keys = bundle(load_catalog("fr"), "fr")

    assert not [key for key in keys if key.startswith("{count} slot")]


def test_bytes_are_sorted_json_with_a_trailing_newline_and_stable(
    load_catalog: Callable[[str], Catalog],
) -> None:
    first = i18next.render(load_catalog("ar"), "ar")
    second = i18next.render(load_catalog("ar"), "ar")

    assert first == second
    assert first.endswith(b"}\n")
    keys = list(json.loads(first))
    assert keys == sorted(keys)
    assert "وظيفة".encode() in first  # UTF-8, not \\u escapes


def test_two_messages_on_one_key_stop_the_build() -> None:
    catalog = Catalog(locale="en")
    catalog.add("Open_menu", "Open (menu)")
    catalog.add("Open", "Open", context="menu")

    with pytest.raises(BundleError, match=r"key 'Open_menu' would hold both msgid 'Open_menu'"):
        i18next.render(catalog, "en")


def test_a_plural_key_colliding_with_a_singular_stops_the_build() -> None:
    catalog = Catalog(locale="en")
    catalog.add("{count} file_one", "a file")
    catalog.add(("{count} file", "{count} files"), ("{count} file", "{count} files"))

    with pytest.raises(BundleError, match=r"'\{count\} file_one'"):
        i18next.render(catalog, "en")


def test_catalog_whose_rule_disagrees_with_cldr_is_refused() -> None:
    po = "\n".join(
        [
            'msgid ""',
            'msgstr ""',
            '"Language: ru\\n"',
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
            "",
            'msgid "{count} job"',
            'msgid_plural "{count} jobs"',
            'msgstr[0] "{count} вакансия"',
            'msgstr[1] "{count} вакансий"',
        ]
    )
    catalog = read_po(io.StringIO(po))

    with pytest.raises(PluralRuleError, match="disagrees with CLDR for 'ru'"):
        i18next.render(catalog, "ru")


def test_catalog_without_plurals_needs_no_plural_rule() -> None:
    catalog = Catalog(locale="tlh")
    catalog.add("Hello", "nuqneH")

    assert json.loads(i18next.render(catalog, "tlh")) == {"Hello": "nuqneH"}
