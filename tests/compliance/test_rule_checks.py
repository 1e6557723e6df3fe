"""The rule checker: every finding fires on a bad fixture and stays quiet on good data."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from i18n_pipeline.compliance.checks import (
    CHECKS,
    RuleFinding,
    Severity,
    check_rules,
    check_title,
    load_rules_checked,
)
from i18n_pipeline.errors import RuleError
from tests.conftest import DATA, REPO

GOOD = DATA / "rules" / "good"
TODAY = date(2026, 12, 3)
NY_DEADLINE_SOURCE = (
    '      from: receipt\n      source: {url: "https://example.org/nytla", section: "s. 2"}\n'
)


def _findings(tmp_path: Path, name: str, old: str, new: str) -> list[RuleFinding]:
    """Check the good rules after replacing ``old`` with ``new`` in file ``name``."""
    target = tmp_path / "rules"
    shutil.copytree(GOOD, target)
    text = (target / name).read_text(encoding="utf-8")
    assert old in text, f"fixture {name} no longer contains {old!r}"
    (target / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return check_rules(target, today=TODAY)


def _only(findings: list[RuleFinding]) -> RuleFinding:
    assert len(findings) == 1, findings
    return findings[0]


def test_good_rules_have_no_findings() -> None:
    assert check_rules(GOOD, today=TODAY) == []


def test_committed_rules_have_no_errors() -> None:
    errors = [f for f in check_rules(REPO / "compliance_rules") if f.severity is Severity.ERROR]
    assert errors == []


def test_every_check_has_a_title_for_reports() -> None:
    titles = [check_title(check) for check in CHECKS]
    assert all(title and title[0].isupper() and title.endswith(".") for title in titles)


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "severity", "line", "field"),
    [
        # A figure whose source line is deleted: impossible to ship.
        (
            "us_ny.yaml",
            NY_DEADLINE_SOURCE,
            "      from: receipt\n",
            "unsourced-entry",
            Severity.ERROR,
            16,
            "rights.0.deadline.source",
        ),
        (
            "us_ny.yaml",
            "  explicit_for_sensitive: false\n",
            "  explicit_for_sensitive: false\n  explict: yes\n",
            "schema",
            Severity.ERROR,
            25,
            "consent.explict",
        ),
        (
            "sweden.yaml",
            "jurisdictions: [SE]",
            "jurisdictions: [XZ]",
            "unknown-jurisdiction",
            Severity.ERROR,
            7,
            "jurisdictions.0",
        ),
        (
            "us_ny.yaml",
            "jurisdictions: [US-NY]",
            "jurisdictions: [US-QQ]",
            "unknown-jurisdiction",
            Severity.ERROR,
            7,
            "jurisdictions.0",
        ),
        (
            "nordic.yaml",
            "{jurisdiction: GB}",
            "{jurisdiction: UK}",
            "unknown-jurisdiction",
            Severity.ERROR,
            64,
            "cross_border_transfer.adequacy.destinations.0.jurisdiction",
        ),
        (
            "jurisdictions.yaml",
            'members: [DK, FI, IS, "NO", SE]',
            'members: [DK, FI, IS, "NO", SE, XY]',
            "unknown-jurisdiction",
            Severity.ERROR,
            6,
            "groups.NRD.members.5",
        ),
        (
            "sweden.yaml",
            "supplements: [nd-test-law]",
            "supplements: [zz-missing-law]",
            "dangling-supplements",
            Severity.ERROR,
            8,
            "supplements.0",
        ),
        (
            "sweden.yaml",
            "supplements: [nd-test-law]",
            "supplements: [se-test-supplement]",
            "dangling-supplements",
            Severity.ERROR,
            8,
            "supplements.0",
        ),
        (
            "nordic.yaml",
            "    value: 15\n",
            "    value: 15\n    certainty: uncertain\n    note: bill pending\n",
            "uncertain",
            Severity.WARNING,
            51,
            "children.age_of_consent",
        ),
        (
            "nordic.yaml",
            "    value: 15\n",
            "    value: null\n    certainty: uncertain\n    note: not yet set\n",
            "uncertain",
            Severity.WARNING,
            51,
            "children.age_of_consent",
        ),
        (
            "nordic.yaml",
            "  sensitive_categories: [health]\n",
            "  sensitive_categories: [health]\n  certainty: uncertain\n  note: guidance pending\n",
            "uncertain",
            Severity.INFO,
            34,
            "consent",
        ),
        (
            "sweden.yaml",
            "last_reviewed: 2026-06-01",
            "last_reviewed: 2025-06-01",
            "stale-review",
            Severity.WARNING,
            12,
            "last_reviewed",
        ),
        (
            "nordic.yaml",
            "    as_of: 2026-06-01",
            "    as_of: 2024-06-01",
            "stale-review",
            Severity.WARNING,
            62,
            "cross_border_transfer.adequacy.as_of",
        ),
        (
            "sweden.yaml",
            "last_reviewed: 2026-06-01",
            "last_reviewed: 2027-01-01",
            "review-date",
            Severity.ERROR,
            12,
            "last_reviewed",
        ),
        (
            "us_ny.yaml",
            "{date: 2022-01-01,",
            "{date: 2099-01-01,",
            "status-dates",
            Severity.WARNING,
            8,
            "status",
        ),
        (
            "us_ny.yaml",
            "status: in_force",
            "status: enacted_not_in_force",
            "status-dates",
            Severity.WARNING,
            8,
            "status",
        ),
        (
            "us_ny.yaml",
            "consent:\n  model: opt_out\n  explicit_for_sensitive: false\n"
            '  source: {url: "https://example.org/nytla", section: "s. 3"}\n',
            "",
            "missing-section",
            Severity.INFO,
            3,
            "consent",
        ),
    ],
)
def test_each_finding_fires_with_its_place(
    tmp_path: Path,
    name: str,
    old: str,
    new: str,
    code: str,
    severity: Severity,
    line: int | None,
    field: str | None,
) -> None:
    finding = _only(_findings(tmp_path, name, old, new))

    assert (finding.code, finding.severity) == (code, severity)
    assert Path(finding.path).name == name
    assert (finding.line, finding.field) == (line, field)


def test_a_duplicate_id_is_an_error_on_the_second_file(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(GOOD, target)
    shutil.copy(target / "us_ny.yaml", target / "zz_copy.yaml")

    finding = _only(check_rules(target, today=TODAY))

    assert (finding.code, Path(finding.path).name, finding.line) == (
        "duplicate-id",
        "zz_copy.yaml",
        3,
    )
    assert "already used by us_ny.yaml" in finding.message


def test_a_group_named_like_a_country_is_an_error(tmp_path: Path) -> None:
    findings = _findings(tmp_path, "jurisdictions.yaml", "  NRD:\n", "  SE:\n")
    codes = {(f.code, Path(f.path).name) for f in findings}
    # The group is now named like Sweden, and the rule naming NRD points nowhere.
    assert codes == {
        ("unknown-jurisdiction", "jurisdictions.yaml"),
        ("unknown-jurisdiction", "nordic.yaml"),
    }


def test_missing_source_message_says_what_to_add(tmp_path: Path) -> None:
    finding = _only(
        _findings(
            tmp_path,
            "us_ny.yaml",
            NY_DEADLINE_SOURCE,
            "      from: receipt\n",
        )
    )
    assert "source: {url, section}" in finding.message


def test_errors_sort_before_warnings(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(GOOD, target)
    path = target / "sweden.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("last_reviewed: 2026-06-01", "last_reviewed: 2020-06-01")
    path.write_text(text.replace("jurisdictions: [SE]", "jurisdictions: [XZ]"), encoding="utf-8")

    findings = check_rules(target, today=TODAY)

    assert [(f.severity, f.code) for f in findings] == [
        (Severity.ERROR, "unknown-jurisdiction"),
        (Severity.WARNING, "stale-review"),
    ]


def test_checked_load_returns_a_clean_rule_set() -> None:
    ruleset = load_rules_checked(GOOD, today=TODAY)

    assert ruleset.errors == () and "nd-test-law" in ruleset.ids


@pytest.mark.parametrize(
    ("old", "new", "code", "line", "field"),
    [
        (
            "jurisdictions: [SE]",
            "jurisdictions: [ZZ]",
            "unknown-jurisdiction",
            7,
            "jurisdictions.0",
        ),
        (
            "supplements: [nd-test-law]",
            "supplements: [no-such-law]",
            "dangling-supplements",
            8,
            "supplements.0",
        ),
        (
            "last_reviewed: 2026-06-01",
            "last_reviewed: 2027-06-01",
            "review-date",
            12,
            "last_reviewed",
        ),
    ],
)
def test_checked_load_refuses_any_checker_error_with_its_place(
    tmp_path: Path, old: str, new: str, code: str, line: int, field: str
) -> None:
    finding = _only(
        [f for f in _findings(tmp_path, "sweden.yaml", old, new) if f.severity is Severity.ERROR]
    )

    with pytest.raises(RuleError) as info:
        load_rules_checked(tmp_path / "rules", today=TODAY)

    error = info.value
    assert (error.path.name, error.line, error.field) == ("sweden.yaml", line, field)
    assert (finding.line, finding.field, finding.code) == (line, field, code)
    assert error.message == f"{code}: {finding.message}"


def test_checked_load_counts_the_other_errors(tmp_path: Path) -> None:
    target = tmp_path / "rules"
    shutil.copytree(GOOD, target)
    for name, old in (("sweden.yaml", "[SE]"), ("us_ny.yaml", "[US-NY]")):
        path = target / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, "[ZZ]"), encoding="utf-8")

    with pytest.raises(RuleError, match=r"unknown-jurisdiction: .*; 1 more error\(s\)"):
        load_rules_checked(target, today=TODAY)
