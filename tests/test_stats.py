"""Counts as pocount counts them, checked by hand and against msgfmt and polib; gates."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.tools import pocount

from i18n_pipeline.charts import completion_chart_svg
from i18n_pipeline.config import Settings
from i18n_pipeline.manifest import Completion
from i18n_pipeline.pofile import read_catalog
from i18n_pipeline.stats import (
    CatalogStats,
    catalog_stats,
    completion_report,
    count_words,
    to_completion,
)

DATA = Path(__file__).parent / "data" / "checks"
PROJECT = DATA / "project"
DE = PROJECT / "locales" / "de" / "LC_MESSAGES" / "messages.po"

# tests/data/checks/project/locales/de/LC_MESSAGES/messages.po counted by hand:
#   translated   "Search jobs" 2, "Welcome back, {name}!" 3, "{count} job(s) found" 3+3,
#                "Upload your résumé" 3, "Apply" 1                               -> 5 msgs, 15 words
#   fuzzy        "Interview scheduled for {date} at {time}." 6                  -> 1 msg, 6 words
#   untranslated "Read our <a href=...>privacy policy</a>." 4 (tags are not words),
#                "Your application was sent to the employer." 7                 -> 2 msgs, 11 words
#   the header and the obsolete "Sign in" are not counted.
DE_EXPECTED = CatalogStats(
    total=8,
    translated=5,
    fuzzy=1,
    untranslated=2,
    total_words=32,
    translated_words=15,
    fuzzy_words=6,
    untranslated_words=11,
)


def test_catalog_counts_match_a_hand_count() -> None:
    stats = catalog_stats(read_catalog(DE, locale="de"))

    assert stats == DE_EXPECTED
    assert stats.message_completion == pytest.approx(5 / 8)
    assert stats.word_completion == pytest.approx(15 / 32)


def test_message_counts_agree_with_msgfmt_statistics() -> None:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(DE)],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    numbers = dict(
        (kind, int(count))
        for count, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr)
    )
    assert numbers == {"translated": 5, "fuzzy": 1, "untranslated": 2}


def test_message_counts_agree_with_polib() -> None:
    po = polib.pofile(str(DE))
    stats = catalog_stats(read_catalog(DE, locale="de"))

    assert len(po.translated_entries()) == stats.translated
    assert len(po.fuzzy_entries()) == stats.fuzzy
    assert len(po.untranslated_entries()) == stats.untranslated
    assert po.percent_translated() == int(stats.message_completion * 100)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Search jobs", 2),
        ("Welcome back, {name}!", 3),
        ('Read our <a href="{url}">privacy policy</a>.', 4),
        ("line<br>break", 2),
        ("— ... !", 0),
        ("Rated 4.5 of 5", 4),
        ("简历已上传", 5),
    ],
)
def test_word_count(text: str, words: int) -> None:
    assert count_words(text) == words


def test_catalog_counts_agree_with_pocount() -> None:
    reference = pocount.calcstats(str(DE))
    stats = catalog_stats(read_catalog(DE, locale="de"))

    assert (stats.translated, stats.fuzzy, stats.untranslated, stats.total) == (
        reference["translated"],
        reference["fuzzy"],
        reference["untranslated"],
        reference["total"],
    )
    assert (stats.translated_words, stats.fuzzy_words, stats.untranslated_words) == (
        reference["translatedsourcewords"],
        reference["fuzzysourcewords"],
        reference["untranslatedsourcewords"],
    )
    assert stats.total_words == reference["totalsourcewords"]


def test_fuzzy_entry_without_translation_counts_as_untranslated() -> None:
    path = DATA / "fuzzy_empty.po"
    reference = pocount.calcstats(str(path))

    stats = catalog_stats(read_catalog(path, locale="de"))

    assert (stats.translated, stats.fuzzy, stats.untranslated) == (1, 0, 1)
    assert stats.untranslated == reference["untranslated"] and stats.fuzzy == reference["fuzzy"]


# Pieces of UI text in many scripts, with the punctuation and markup word breaking cares about.
_PIECES = [
    *"aZé19 \n.,:;'’_-/!?(){}<>%$\"=·",
    *["中", "か", "ア", "ー", "한", "م", "،", "²", "😀", "\u0301", "\u200d", "１", "Ａ"],
    *["<br>", "<b>", "</b>", '<a href="{url}">', "{name}", "e.g.", "3.5", "1,000"],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_word_count_agrees_with_pocount(text: str) -> None:
    assert count_words(text) == pocount.wordcount(text)


def test_stats_convert_to_the_manifest_completion() -> None:
    completion = to_completion(DE_EXPECTED)

    assert isinstance(completion, Completion)
    assert (completion.total, completion.translated, completion.fuzzy) == (8, 5, 1)
    assert completion.messages == pytest.approx(0.625)
    assert completion.words == pytest.approx(15 / 32)


@pytest.fixture
def stats_project(tmp_path: Path) -> Path:
    """A private copy of the small check/stats project (not the product's locales/)."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


def set_target(root: Path, locale: str, target: float) -> None:
    path = root / "locales" / "matrix.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    for language in data["languages"]:
        if language["locale"] == locale:
            language["target"] = target
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")


def statuses(root: Path, metric: str | None = None) -> dict[str, str]:
    report = completion_report(Settings(root=root), metric=metric)  # type: ignore[arg-type]
    return {row.language.locale: row.status for row in report.locales}


def test_statuses_follow_the_priority_gates(stats_project: Path) -> None:
    # en is the source (its template counts as translated); zh_Hans P0 is complete; ja has no
    # catalog (all untranslated); de P1 62.5 % < 75 %; ar P2 50 % < 60 %.
    assert statuses(stats_project) == {
        "en": "pass",
        "zh_Hans": "pass",
        "ja": "warn",
        "de": "warn",
        "ar": "excluded",
    }


@pytest.mark.parametrize(
    ("locale", "target", "status"),
    [
        ("zh_Hans", 1.0, "pass"),  # P0 exactly at target
        ("de", 0.625, "pass"),  # P1 exactly at target: 5 of 8
        ("de", 0.63, "warn"),  # P1 just below
        ("ar", 0.5, "pass"),  # P2 at target
        ("ar", 0.51, "excluded"),  # P2 below
    ],
)
def test_status_at_and_around_the_target(
    stats_project: Path, locale: str, target: float, status: str
) -> None:
    set_target(stats_project, locale, target)
    assert statuses(stats_project)[locale] == status


def test_p0_below_target_fails_and_counts_what_is_left(stats_project: Path) -> None:
    catalog = stats_project / "locales" / "zh_Hans" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8").replace('msgstr "您的申请已发送给雇主。"', 'msgstr ""')
    catalog.write_text(text, "utf-8")

    report = completion_report(Settings(root=stats_project))

    row = next(r for r in report.locales if r.language.locale == "zh_Hans")
    assert row.status == "fail"
    assert [r.language.locale for r in report.failures] == ["zh_Hans"]
    # 95 % of 8 messages needs all 8; of 32 words needs 31 and 25 are done.
    assert (row.messages_to_target, row.words_to_target) == (1, 6)
    assert "P0 gate is block" in row.gate.reason


def test_words_metric_changes_the_gate(stats_project: Path) -> None:
    # de: 62.5 % of messages but 15/32 = 46.9 % of words; a 50 % target passes on messages only.
    set_target(stats_project, "de", 0.5)
    assert statuses(stats_project, "messages")["de"] == "pass"
    assert statuses(stats_project, "words")["de"] == "warn"


def test_notices_are_reported_but_do_not_gate(stats_project: Path) -> None:
    report = completion_report(Settings(root=stats_project), ["de", "ja"])
    de, ja = report.locales

    assert de.domains["notices"].message_completion == 1.0
    assert ja.domains["notices"].translated == 0 and ja.domains["notices"].total == 2
    assert de.status == "warn"


def test_regions_aggregate_their_languages(stats_project: Path) -> None:
    report = completion_report(Settings(root=stats_project))
    emea = next(r for r in report.regions if r.region == "emea")

    assert emea.locales == ("en", "de", "ar")
    assert emea.statuses == {"pass": 1, "warn": 1, "fail": 0, "excluded": 1}
    assert (emea.total, emea.translated) == (24, 8 + 5 + 4)


def test_unknown_locale_is_a_key_error_naming_the_known_ones(stats_project: Path) -> None:
    with pytest.raises(KeyError, match="known: en, zh_Hans"):
        completion_report(Settings(root=stats_project), ["xx"])


def test_chart_is_valid_svg_and_deterministic(stats_project: Path) -> None:
    report = completion_report(Settings(root=stats_project))

    first = completion_chart_svg(report)
    second = completion_chart_svg(completion_report(Settings(root=stats_project)))

    assert first == second
    root = ET.fromstring(first)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert b"<dc:date>" not in first
    # One bar per language and region it ships in: en x3, zh_Hans, ja, de, ar.
    assert first.count(b'id="patch_') >= 7


def test_chart_changes_when_completion_changes(stats_project: Path) -> None:
    before = completion_chart_svg(completion_report(Settings(root=stats_project)))
    set_target(stats_project, "de", 0.5)
    after = completion_chart_svg(completion_report(Settings(root=stats_project)))
    assert before != after


def test_every_project_catalog_counts_as_pocount_counts_it(project: Path) -> None:
    # The product's own catalogs (whatever of them exist) as a larger corpus for the referee.
    paths = sorted((project / "locales").glob("*/LC_MESSAGES/*.po"))
    if not paths:
        pytest.skip("the project has no catalogs yet")
    for path in paths:
        reference = pocount.calcstats(str(path))
        stats = catalog_stats(read_catalog(path))
        counted = (stats.translated, stats.fuzzy, stats.untranslated, stats.total_words)
        expected = (
            reference["translated"],
            reference["fuzzy"],
            reference["untranslated"],
            reference["totalsourcewords"],
        )
        assert counted == expected, path
        assert stats.translated_words == reference["translatedsourcewords"], path
