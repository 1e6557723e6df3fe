"""Each catalog check fires on a real defect and stays quiet on a correct translation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from i18n_pipeline.checks import CHECKS, UNREADABLE, Finding, check_catalog, check_locales
from i18n_pipeline.config import Settings
from i18n_pipeline.pofile import read_catalog
from tests.support import msgfmt_check

DATA = Path(__file__).parent / "data" / "checks"

PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "zh_Hans": "nplurals=1; plural=0;",
    "fr": "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    "ar": "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : "
    "n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);",
}


def write_po(directory: Path, body: str, *, locale: str = "de", plural: str | None = None) -> Path:
    """A PO file for ``locale`` with ``body`` after a complete header."""
    forms = plural if plural is not None else PLURAL_FORMS[locale]
    header_plural = f'"Plural-Forms: {forms}\\n"\n' if forms else ""
    text = (
        'msgid ""\nmsgstr ""\n'
        '"Project-Id-Version: checks-test 1.0\\n"\n'
        '"PO-Revision-Date: 2026-12-02 09:00+0000\\n"\n'
        '"Last-Translator: Test <l10n@example.com>\\n"\n'
        '"Language-Team: Test <l10n@example.com>\\n"\n'
        f'"Language: {locale}\\n"\n'
        f"{header_plural}"
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n\n'
        f"{body.strip()}\n"
    )
    path = directory / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _msgfmt_accepts(path: Path) -> bool:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    return result.returncode == 0


def run(path: Path, locale: str = "de") -> list[Finding]:
    return check_catalog(read_catalog(path, locale=locale), path, locale)


def named(findings: list[Finding], check: str) -> list[Finding]:
    return [f for f in findings if f.check == check]


# One defect per check: (check, locale, plural override or None, PO body, text in a message).
FIRES = {
    "placeholders": ("de", None, 'msgid "Welcome back, {name}!"\nmsgstr "Willkommen zurück!"',
                     "{name} is missing"),
    "plural-forms": ("de", None, 'msgid "{count} job"\nmsgid_plural "{count} jobs"\n'
                     'msgstr[0] "{count} Stelle"\nmsgstr[1] ""', "msgstr[1] empty"),
    "markup": ("de", None, 'msgid "<strong>New</strong> jobs"\n'
               'msgstr "<strong>Neue Stellen"', "</strong> from the source is missing"),
    "newlines": ("de", None, 'msgid "Note:\\n"\nmsgstr "Hinweis:"',
                 "ends with a newline, msgstr does not"),
    "whitespace": ("de", None, 'msgid "Jobs near "\nmsgstr "Stellen in der Nähe"',
                   "trailing whitespace"),
    "placeholder-style": ("de", None, 'msgid "Hello {name}"\nmsgstr "Hallo {name} %s"',
                          "'%s' is not a brace placeholder"),
    "length": ("de", None, 'msgid "Save"\n'
               'msgstr "Speichern Sie alle Ihre Änderungen jetzt sofort dauerhaft"',
               "characters for a 4-character source"),
    "plural-header": ("ar", "nplurals=2; plural=(n != 1);", 'msgid "Save"\nmsgstr "حفظ"',
                      "nplurals=2 gives zero (n=0), two (n=2), few (n=3), many (n=11), other"),
    "plural-merge": ("fr", "nplurals=2; plural=(n > 1);", 'msgid "Save"\nmsgstr "Enregistrer"',
                     "msgstr[1] serves many, other; CLDR gives many a form of its own"),
}  # fmt: skip

# The same entries, translated correctly.
QUIET = {
    "placeholders": ("de", 'msgid "{a} invited {b}"\nmsgstr "{b} wurde von {a} eingeladen"'),
    "plural-forms": ("de", 'msgid "{count} job"\nmsgid_plural "{count} jobs"\n'
                     'msgstr[0] "{count} Stelle"\nmsgstr[1] "{count} Stellen"'),
    "markup": ("de", 'msgid "<strong>New</strong> jobs<br/>"\n'
               'msgstr "<strong>Neue</strong> Stellen<br>"'),
    "newlines": ("de", 'msgid "Note:\\n"\nmsgstr "Hinweis:\\n"'),
    "whitespace": ("de", 'msgid "Jobs near "\nmsgstr "Stellen in der Nähe von "'),
    "placeholder-style": ("de", 'msgid "Save 50% now, {name}"\n'
                          'msgstr "Jetzt 50 % sparen, {name}"'),
    "length": ("zh_Hans", 'msgid "Your application was sent to the employer."\n'
               'msgstr "您的申请已发送给雇主。"'),
    "plural-header": ("ar", 'msgid "Save"\nmsgstr "حفظ"'),
    "plural-merge": ("fr", 'msgid "Save"\nmsgstr "Enregistrer"'),
}  # fmt: skip


def test_every_registered_check_has_a_firing_and_a_quiet_case() -> None:
    assert set(FIRES) == set(CHECKS) == set(QUIET)
    assert all(CHECKS[name].title and not CHECKS[name].title.endswith(" ") for name in CHECKS)


@pytest.mark.parametrize("name", sorted(FIRES))
def test_check_fires_on_its_defect(tmp_path: Path, name: str) -> None:
    locale, plural, body, expected = FIRES[name]
    path = write_po(tmp_path, body, locale=locale, plural=plural)

    found = named(run(path, locale), name)

    assert found, f"{name} did not fire"
    assert any(expected in f.message for f in found), [f.message for f in found]
    assert {f.severity for f in found} == {CHECKS[name].severity}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_check_is_quiet_on_a_correct_translation(tmp_path: Path, name: str) -> None:
    locale, body = QUIET[name]
    path = write_po(tmp_path, body, locale=locale)
    msgfmt_check(path)

    assert run(path, locale) == []


def test_newline_defect_is_one_msgfmt_also_rejects(tmp_path: Path) -> None:
    path = write_po(tmp_path, FIRES["newlines"][2])
    assert not _msgfmt_accepts(path)


@pytest.mark.parametrize(
    ("msgstr", "expected"),
    [
        ('"Hallo {nme}"', "placeholder {name} renamed to {nme}"),
        ('"Hallo {name} {extra}"', "placeholder {extra} is not in the source"),
        ('"Hallo {name"', "unmatched brace"),
        ('"Hallo {{name}}"', "placeholder {name} is missing"),
    ],
)
def test_placeholder_problems_are_named(tmp_path: Path, msgstr: str, expected: str) -> None:
    path = write_po(tmp_path, f'msgid "Hello {{name}}"\nmsgstr {msgstr}')
    messages = [f.message for f in named(run(path), "placeholders")]
    assert any(expected in m for m in messages), messages


def test_escaped_braces_are_not_placeholders(tmp_path: Path) -> None:
    body = 'msgid "Use {{name}} in templates, {user}"\nmsgstr "{user}, nutze {{name}} in Vorlagen"'
    assert run(write_po(tmp_path, body)) == []


def test_plural_form_may_omit_a_placeholder_only_the_plural_source_has(tmp_path: Path) -> None:
    quiet = 'msgid "One job"\nmsgid_plural "{count} jobs"\nmsgstr[0] "Eine Stelle"\n'
    quiet += 'msgstr[1] "{count} Stellen"'
    fires = 'msgid "One job"\nmsgid_plural "{count} jobs"\nmsgstr[0] "Eine Stelle"\n'
    fires += 'msgstr[1] "Viele Stellen"'

    assert named(run(write_po(tmp_path / "a", quiet)), "placeholders") == []
    found = named(run(write_po(tmp_path / "b", fires)), "placeholders")
    assert [f.message for f in found] == ["placeholder {count} appears in no plural form"]


def test_plural_count_of_an_in_memory_catalog_must_match_nplurals(tmp_path: Path) -> None:
    catalog = Catalog(locale="de", domain="messages")
    catalog.add(("{n} job", "{n} jobs"), ("{n} Stelle", "{n} Stellen", "{n} Stellen"))

    found = named(check_catalog(catalog, tmp_path / "messages.po", "de"), "plural-forms")

    assert [f.message for f in found] == ["has 3 plural forms, the header declares nplurals=2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<em><strong>Neu</em></strong>", "</em> closes <strong>"),
        ("<strong>Neu</strong> <b>Stellen</b>", "<b> is not in the source"),
        ("</strong><em><strong>Neu</em>", "</strong> closes nothing"),
    ],
)
def test_markup_problems_are_named(tmp_path: Path, text: str, expected: str) -> None:
    body = f'msgid "<em><strong>New</strong></em>"\nmsgstr "{text}"'
    messages = [f.message for f in named(run(write_po(tmp_path, body)), "markup")]
    assert any(expected in m for m in messages), messages


def test_length_is_scaled_by_script(tmp_path: Path) -> None:
    source = "Your application was sent to the employer."
    # A third of the source's length is normal for Chinese and suspicious for German.
    chinese = write_po(
        tmp_path / "zh", f'msgid "{source}"\nmsgstr "申请已发给雇主。"', locale="zh_Hans"
    )
    german = write_po(tmp_path / "de", f'msgid "{source}"\nmsgstr "Gesendet."')

    assert named(run(chinese, "zh_Hans"), "length") == []
    found = named(run(german), "length")
    assert found and "only 9 characters" in found[0].message


@pytest.mark.parametrize(
    ("locale", "plural", "expected"),
    [
        ("de", "nplurals=2; plural=(n > 1);", "'other' get different forms (n=0 -> form 0"),
        ("de", "", "no Plural-Forms header; CLDR for de needs 'nplurals=2; plural=(n != 1);'"),
        (
            "zh_Hans",
            "nplurals=2; plural=(n != 1);",
            "a rule that agrees is 'nplurals=1; plural=0;'",
        ),
    ],
)
def test_plural_header_is_compared_with_cldr(
    tmp_path: Path, locale: str, plural: str, expected: str
) -> None:
    path = write_po(tmp_path, 'msgid "Save"\nmsgstr "x"', locale=locale, plural=plural)
    messages = [f.message for f in named(run(path, locale), "plural-header")]
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("nplurals=2; plural=(n > );", "invalid plural expression '(n > )'"),
        ("nplurals=2; plural=(n == 1 ? 0 : 2);", "gives form 2 but nplurals is 2"),
    ],
)
def test_unusable_plural_header_is_an_unreadable_catalog_at_its_line(
    tmp_path: Path, plural: str, expected: str
) -> None:
    path = write_po(tmp_path / "po", 'msgid "Save"\nmsgstr "Sichern"', plural=plural)
    settings = _project_with(tmp_path, {"de": path})

    report = check_locales(settings, ["de"], ["messages"])

    (finding,) = report.findings
    assert finding.check == UNREADABLE and expected in finding.message
    assert finding.line == 8  # the Plural-Forms line of write_po's header


def test_arabic_data_file_with_two_plural_forms_is_an_error_at_its_header_line() -> None:
    path = DATA / "ar_nplurals2.po"
    found = named(run(path, "ar"), "plural-header")

    assert len(found) == 1
    line = next(
        n
        for n, text in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "Plural-Forms" in text
    )
    assert (found[0].severity, found[0].line, found[0].msgid) == ("error", line, "")


def test_findings_point_at_the_msgid_line_of_a_real_file() -> None:
    path = DATA / "bad_de.po"
    lines = path.read_text("utf-8").splitlines()

    findings = run(path)

    assert {f.check for f in findings} == set(CHECKS) - {"plural-header", "plural-merge"}
    for finding in findings:
        assert lines[finding.line - 1].startswith(("msgid ", "msgctxt ")), finding
        assert finding.msgid.split("\n")[0][:10] in lines[finding.line - 1] + lines[finding.line]
        assert (finding.locale, finding.domain) == ("de", "bad_de")


def test_fuzzy_entries_are_skipped_and_counted(tmp_path: Path) -> None:
    body = '#, fuzzy\nmsgid "Hello {name}"\nmsgstr "Hallo {nme}"\n\nmsgid "Save"\nmsgstr "Sichern"'
    path = write_po(tmp_path, body)
    settings = _project_with(tmp_path, {"de": path})

    report = check_locales(settings, ["de"], ["messages"])

    assert report.findings == []
    assert (report.fuzzy_skipped, report.entries) == (1, 1)


def _project_with(tmp_path: Path, catalogs: dict[str, Path]) -> Settings:
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    for locale, source in catalogs.items():
        target = root / "locales" / locale / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return Settings(root=root)


def test_unreadable_catalog_becomes_an_error_finding_not_a_crash(tmp_path: Path) -> None:
    settings = _project_with(tmp_path, {"de": DATA / "broken.po"})

    report = check_locales(settings, ["de", "zh_Hans"], ["messages"])

    (finding,) = report.findings
    assert (finding.check, finding.severity, finding.locale) == (UNREADABLE, "error", "de")
    assert finding.line is not None
    assert finding.where.endswith(f"de/LC_MESSAGES/messages.po:{finding.line}")
    assert len(report.catalogs) == 2 and report.failed()


def test_sample_project_catalogs_are_clean(tmp_path: Path) -> None:
    report = check_locales(_project_with(tmp_path, {}))

    assert report.findings == []
    assert len(report.catalogs) == 4
    assert report.fuzzy_skipped == 1
    assert not report.failed(strict=True)


@pytest.mark.parametrize(
    "msgstr",
    [
        "Hallo {name}, {count} neue Stellen",
        "{count} neue Stellen für {name}",
        "Hallo, {count} neue Stellen",
        "Hallo {nme}, {count} neue Stellen",
        "Hallo {name}, {count} neue Stellen in {city}",
        "Hallo {name, {count} neue Stellen",
        "Hallo {name}, {{count}} neue Stellen",
        "Hallo {name}, {count} neue {{Stellen}}",
        "{name}, {name}: {count} neue Stellen",
        "Hallo {name}, {count:d} neue Stellen",
    ],
)
def test_placeholder_check_agrees_with_msgfmt_python_brace_format(
    tmp_path: Path, msgstr: str
) -> None:
    # GNU msgfmt checks brace placeholders of entries flagged python-brace-format: a referee.
    body = f'#, python-brace-format\nmsgid "Hello {{name}}, {{count}} new jobs"\nmsgstr "{msgstr}"'
    path = write_po(tmp_path, body)

    fired = bool(named(run(path), "placeholders"))

    assert fired == (not _msgfmt_accepts(path))


RU_PLURAL = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
AR_FORMS = (
    "{name}: لا وظائف",
    "{name}: وظيفة واحدة",
    "{name}: وظيفتان",
    "{name}: {count} وظائف",
    "{name}: {count} وظيفة",
    "{name}: {count} وظيفة",
)


@pytest.mark.parametrize(
    ("locale", "plural", "forms"),
    [
        # German msgstr[0] serves n=1 only: the number may be written out.
        ("de", None, ("{name} hat eine Stelle", "{name} hat {count} Stellen")),
        # ... but msgstr[1] serves every other count and must show it.
        ("de", None, ("{name} hat {count} Stelle", "{name} hat viele Stellen")),
        # Russian msgstr[0] serves 1, 21, 31...: it must show the count.
        ("ru", RU_PLURAL, ("{name}: одна вакансия", "{name}: {count} b", "{name}: {count} c")),
        # Arabic forms 0, 1 and 2 serve 0, 1 and 2 only.
        ("ar", None, AR_FORMS),
    ],
)
def test_plural_placeholders_agree_with_msgfmt(
    tmp_path: Path, locale: str, plural: str | None, forms: tuple[str, ...]
) -> None:
    strs = "\n".join(f'msgstr[{i}] "{text}"' for i, text in enumerate(forms))
    body = (
        '#, python-brace-format\nmsgid "{name} has {count} job"\n'
        f'msgid_plural "{{name}} has {{count}} jobs"\n{strs}'
    )
    path = write_po(tmp_path, body, locale=locale, plural=plural)

    fired = bool(named(run(path, locale), "placeholders"))

    assert fired == (not _msgfmt_accepts(path))


def test_single_count_form_may_drop_only_the_count(tmp_path: Path) -> None:
    # msgfmt lets a single-count form drop every placeholder; dropping {name} too is a bug.
    body = (
        'msgid "{name} has {count} job"\nmsgid_plural "{name} has {count} jobs"\n'
        'msgstr[0] "Eine Stelle"\nmsgstr[1] "{name} hat {count} Stellen"'
    )
    found = named(run(write_po(tmp_path, body)), "placeholders")

    assert [f.message for f in found] == [
        "msgstr[0]: placeholder {count} is missing",
        "msgstr[0]: placeholder {name} is missing",
    ]
