"""`i18n rules ...`: exit codes scripts can trust, JSON they can parse, views people can read."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n_pipeline.cli.common import console
from i18n_pipeline.cli.main import app
from i18n_pipeline.compliance.loader import load_rules_strict, ruleset_json
from i18n_pipeline.compliance.schema import rule_json_schema_text
from tests.conftest import DATA, REPO

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console() -> Iterator[None]:
    """Render tables wide enough that phrases are not wrapped across cell lines."""
    console.width = 200
    yield
    console.width = None  # type: ignore[assignment]  # back to detecting the terminal


@pytest.fixture
def fixture_root(tmp_path: Path) -> Path:
    """A project whose rules are the small good test set, plus the real regions."""
    root = tmp_path / "fixture"
    shutil.copytree(DATA / "rules" / "good", root / "compliance_rules")
    shutil.copytree(
        REPO / "locales", root / "locales", ignore=shutil.ignore_patterns("*.mo", "*.po")
    )
    return root


def invoke(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["rules", *args, "--root", str(root)])
    return result.exit_code, result.output


def test_check_exits_0_on_good_rules(fixture_root: Path) -> None:
    code, output = invoke(fixture_root, "check")
    assert code == 0, output
    assert "0 error(s)" in output


def test_check_exits_1_and_names_file_and_line_on_a_bad_rule(fixture_root: Path) -> None:
    shutil.copy(DATA / "rules" / "bad" / "missing_source.yaml", fixture_root / "compliance_rules")

    code, output = invoke(fixture_root, "check", "--format", "json")

    assert code == 1
    findings = json.loads(output)
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert finding["code"] == "unsourced-entry"
    assert finding["path"].endswith("missing_source.yaml")
    assert (finding["line"], finding["field"]) == (15, "rights.0.deadline.source")


def test_check_table_output_shows_the_finding(fixture_root: Path) -> None:
    shutil.copy(DATA / "rules" / "bad" / "unknown_field.yaml", fixture_root / "compliance_rules")
    code, output = invoke(fixture_root, "check")
    assert code == 1
    assert "rights.0.deadlines" in output and "1 error(s)" in output


def test_check_of_the_committed_rules_passes(project: Path) -> None:
    code, output = invoke(project, "check", "--format", "json")
    assert code == 0, output
    assert all(f["severity"] != "error" for f in json.loads(output))


def test_show_lists_each_law_with_deadlines_and_sources(project: Path) -> None:
    code, output = invoke(project, "show", "DE")

    assert code == 0, output
    assert "eu-gdpr" in output and "gdpr.yaml" in output
    assert "1 month from receipt" in output
    assert "72 hours from awareness" in output
    assert "Art. 33(1)" in output
    assert "2026-12-03" in output  # review date


def test_show_of_a_subdivision_includes_the_country_law(project: Path) -> None:
    code, output = invoke(project, "show", "CA-QC")
    assert code == 0, output
    assert output.index("ca-pipeda") < output.index("ca-qc-law25")
    assert "30 calendar days from receipt" in output
    assert "fr" in output


def test_show_of_an_unknown_code_is_a_usage_error(project: Path) -> None:
    code, output = invoke(project, "show", "XX")
    assert code == 2
    assert "'XX' is not an ISO 3166-1 alpha-2 country code" in output


def test_show_of_a_place_without_rules_exits_1(fixture_root: Path) -> None:
    code, output = invoke(fixture_root, "show", "JP")
    assert code == 1
    assert "no rule file covers JP" in output


def test_residency_json_answers_for_every_configured_region(project: Path) -> None:
    code, output = invoke(project, "residency", "DE", "--format", "json")

    assert code == 0, output
    answer = json.loads(output)
    verdicts = {r["cloud_region"]: r["verdict"] for r in answer["regions"]}
    law = {r["cloud_region"]: r["law_verdict"] for r in answer["regions"]}
    assert verdicts["eu-central-1"] == "allowed"
    assert (law["us-east-1"], verdicts["us-east-1"]) == ("conditional", "not_allowed")
    uk = next(r for r in answer["regions"] if r["cloud_region"] == "uk-south-1")
    assert (uk["law_verdict"], uk["verdict"], uk["decided_by"]) == (
        "allowed",
        "not_allowed",
        "business_policy",
    )
    assert uk["policy"]["policy"] == "EEA"


def test_residency_table_labels_law_and_business_policy(project: Path) -> None:
    code, output = invoke(project, "residency", "DE")

    assert code == 0, output
    flat = " ".join(output.split())
    assert "business policy EEA" in flat and "policy EEA: GB is outside EU" in flat


def test_residency_exits_1_when_no_region_is_allowed(fixture_root: Path) -> None:
    code, output = invoke(fixture_root, "residency", "US-NY")
    assert code == 1
    assert "no configured region is allowed for US-NY data" in output


def test_schema_check_passes_on_the_committed_file_and_fails_when_stale(project: Path) -> None:
    assert invoke(project, "schema", "--check")[0] == 0

    (project / "compliance_rules" / "schema.json").write_text("{}\n", encoding="utf-8")
    code, output = invoke(project, "schema", "--check")
    assert code == 1 and "out of date" in output


def test_schema_writes_the_exported_schema(tmp_path: Path) -> None:
    target = tmp_path / "out" / "schema.json"
    code, output = invoke(tmp_path, "schema", "--output", str(target))
    assert code == 0, output
    assert target.read_text(encoding="utf-8") == rule_json_schema_text()


def test_schema_prints_to_stdout_by_default(tmp_path: Path) -> None:
    code, output = invoke(tmp_path, "schema")
    assert code == 0
    assert json.loads(output)["title"] == "Compliance rule file (one law)"


def test_export_writes_the_release_dataset(fixture_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "rules.json"
    code, output = invoke(fixture_root, "export", "--output", str(target))
    assert code == 0, output
    assert target.read_bytes() == ruleset_json(load_rules_strict(fixture_root / "compliance_rules"))


def test_export_refuses_a_bad_rule_set_and_writes_nothing(
    fixture_root: Path, tmp_path: Path
) -> None:
    shutil.copy(DATA / "rules" / "bad" / "bad_code.yaml", fixture_root / "compliance_rules")
    target = tmp_path / "rules.json"
    code, output = invoke(fixture_root, "export", "--output", str(target))
    assert code == 1
    assert "bad_code.yaml:6" in output
    assert not target.exists()


@pytest.mark.parametrize("command", ["check", "show", "residency", "schema", "export"])
def test_every_command_explains_itself(command: str) -> None:
    result = runner.invoke(app, ["rules", command, "--help"])
    assert result.exit_code == 0
    assert "--root" in result.output


def test_show_json_lists_the_rules_in_order(project: Path) -> None:
    code, output = invoke(project, "show", "US-CA", "--format", "json")
    assert code == 0, output
    ids = [rule["id"] for rule in json.loads(output)]
    assert ids.index("us-federal") < ids.index("us-ca-ccpa")


def test_show_leaves_out_a_broken_file_with_a_warning(fixture_root: Path) -> None:
    shutil.copy(DATA / "rules" / "bad" / "unknown_field.yaml", fixture_root / "compliance_rules")
    result = runner.invoke(app, ["rules", "show", "SE", "--root", str(fixture_root)])
    assert result.exit_code == 0
    assert "nd-test-law" in result.stdout and "se-test-supplement" in result.stdout
    assert "rule file left out" in result.stderr and "unknown_field.yaml:15" in result.stderr
