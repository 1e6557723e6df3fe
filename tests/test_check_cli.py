"""`i18n check` and `i18n stats`: output formats scripts parse, and exit codes they trust."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n_pipeline.checks import CHECKS
from i18n_pipeline.cli.main import app

DATA = Path(__file__).parent / "data" / "checks"
runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A private copy of the small check/stats project: clean, no P0 below target."""
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def catalog(root: Path, locale: str) -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "messages.po"


def invoke(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--root", str(root)])
    return result.exit_code, result.output


def test_check_clean_project_exits_0_with_a_summary(root: Path) -> None:
    code, output = invoke(root, "check")

    assert code == 0, output
    assert "0 errors, 0 warnings in 4 catalogs" in output
    assert "1 fuzzy skipped" in output


def test_check_errors_exit_1_and_name_file_and_line(root: Path) -> None:
    shutil.copyfile(DATA / "bad_de.po", catalog(root, "de"))

    code, output = invoke(root, "check", "--locale", "de")

    assert code == 1
    assert "locales/de/LC_MESSAGES/messages.po:12" in output.replace("\n", "")
    assert "placeholders" in output and "error" in output


def test_check_json_lists_findings_and_summary(root: Path) -> None:
    shutil.copyfile(DATA / "bad_de.po", catalog(root, "de"))

    code, output = invoke(root, "check", "-l", "de", "-d", "messages", "--format", "json")

    data = json.loads(output)
    assert code == 1
    assert data["summary"]["catalogs"] == 1
    assert data["summary"]["errors"] == len(
        [f for f in data["findings"] if f["severity"] == "error"]
    )
    assert {f["check"] for f in data["findings"]} == set(CHECKS) - {"plural-header", "plural-merge"}
    first = data["findings"][0]
    assert first["line"] == 12 and first["path"].endswith("de/LC_MESSAGES/messages.po")
    assert set(data["checks"]) == {*CHECKS, "syntax"}


def test_warnings_fail_only_under_strict(root: Path) -> None:
    path = catalog(root, "de")
    text = path.read_text("utf-8")
    path.write_text(text.replace('msgstr "Jobs suchen"', 'msgstr "Jobs suchen "'), "utf-8")

    assert invoke(root, "check", "-l", "de")[0] == 0
    code, output = invoke(root, "check", "-l", "de", "--strict")
    assert code == 1
    assert "1 warnings" in output


def test_unreadable_catalog_is_a_finding_with_exit_1(root: Path) -> None:
    shutil.copyfile(DATA / "broken.po", catalog(root, "de"))

    code, output = invoke(root, "check", "-l", "de", "-f", "json")

    (finding,) = json.loads(output)["findings"]
    assert code == 1
    assert finding["check"] == "syntax" and finding["line"] == 12


@pytest.mark.parametrize(
    "args", [("check", "-l", "xx"), ("check", "-d", "nope"), ("stats", "-l", "xx")]
)
def test_unknown_locale_or_domain_is_a_usage_error(root: Path, args: tuple[str, ...]) -> None:
    code, output = invoke(root, *args)
    assert code == 2
    assert "not in the matrix" in output


def test_stats_table_exits_0_when_no_blocking_locale_fails(root: Path) -> None:
    code, output = invoke(root, "stats")

    assert code == 0, output
    for text in ("zh_Hans", "excluded", "warn", "By region", "EMEA"):
        assert text in output


def test_stats_exit_1_when_a_p0_locale_is_below_target(root: Path) -> None:
    path = catalog(root, "zh_Hans")
    path.write_text(path.read_text("utf-8").replace('msgstr "上传简历"', 'msgstr ""'), "utf-8")

    code, output = invoke(root, "stats")

    assert code == 1
    assert "fail" in output


def test_stats_json_parses_with_counts_and_regions(root: Path) -> None:
    code, output = invoke(root, "stats", "--format", "json", "--by", "words")

    data = json.loads(output)
    assert code == 0
    assert data["metric"] == "words"
    de = next(row for row in data["locales"] if row["locale"] == "de")
    assert de["domains"]["messages"]["translated_words"] == 15
    assert de["completion"] == pytest.approx(15 / 32, abs=1e-6)
    assert {r["region"] for r in data["regions"]} == {"americas", "emea", "apac"}


def test_stats_csv_has_one_row_per_locale_and_domain(root: Path) -> None:
    code, output = invoke(root, "stats", "-l", "de", "-l", "ar", "--format", "csv")

    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0
    assert [(r["locale"], r["domain"]) for r in rows] == [
        ("de", "messages"),
        ("de", "notices"),
        ("ar", "messages"),
        ("ar", "notices"),
    ]
    assert rows[0]["translated"] == "5" and rows[0]["status"] == "warn"
    assert rows[2]["status"] == "excluded" and rows[2]["gates_release"] == "True"


def test_stats_chart_writes_svg(root: Path, tmp_path: Path) -> None:
    chart = tmp_path / "out" / "completion.svg"

    code, _ = invoke(root, "stats", "--format", "json", "--chart", str(chart))

    assert code == 0
    assert ET.parse(chart).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_help_explains_commands_options_and_checks() -> None:
    check_help = runner.invoke(app, ["check", "--help"]).output
    stats_help = runner.invoke(app, ["stats", "--help"]).output

    for option in ("--locale", "--domain", "--format", "--strict", "--root"):
        assert option in check_help
    for name in CHECKS:
        assert name in check_help
    for option in ("--locale", "--format", "--chart", "--by", "--root"):
        assert option in stats_help


def test_stats_on_an_unreadable_catalog_names_file_and_line(root: Path) -> None:
    shutil.copyfile(DATA / "broken.po", catalog(root, "de"))

    result = runner.invoke(app, ["stats", "--root", str(root)])

    assert result.exit_code == 1
    assert "de/LC_MESSAGES/messages.po:12" in result.output.replace("\n", "")
