"""Loading rule files into a RuleSet: all-or-nothing per file, errors with file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from i18n_pipeline.compliance.loader import (
    RULES_ARTIFACT_NAME,
    collect_rule_errors,
    load_rules,
    load_rules_strict,
    rules_artifact,
    ruleset_from_json,
    ruleset_json,
)
from i18n_pipeline.errors import RuleError
from tests.conftest import DATA, REPO

GOOD = DATA / "rules" / "good"
BAD = DATA / "rules" / "bad"
GOOD_IDS = ("nd-test-law", "se-test-supplement", "us-ny-test-local")


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """A writable copy of the good test rules."""
    target = tmp_path / "rules"
    shutil.copytree(GOOD, target)
    return target


def test_strict_load_reads_every_rule_sorted_by_id_with_its_file() -> None:
    ruleset = load_rules_strict(GOOD)

    assert ruleset.ids == GOOD_IDS
    assert ruleset.files["se-test-supplement"] == "sweden.yaml"
    assert ruleset.groups() == {"NRD": ("DK", "FI", "IS", "NO", "SE")}
    assert ruleset.errors == ()


def test_the_committed_rules_load_strictly() -> None:
    ruleset = load_rules_strict(REPO / "compliance_rules")
    assert {"eu-gdpr", "gb-uk-gdpr", "ch-fadp", "us-ca-ccpa", "us-federal"} <= set(ruleset.ids)
    assert {"ca-pipeda", "ca-qc-law25"} <= set(ruleset.ids)


def test_a_malformed_file_is_left_out_whole_and_reported(rules_dir: Path) -> None:
    shutil.copy(BAD / "missing_source.yaml", rules_dir)

    ruleset = load_rules(rules_dir)

    assert ruleset.ids == GOOD_IDS
    assert "xx-missing-source" not in ruleset.files
    [error] = ruleset.errors
    assert (error.path.name, error.line, error.field) == (
        "missing_source.yaml",
        15,
        "rights.0.deadline.source",
    )


def test_strict_load_raises_the_first_error_with_file_line_and_field(rules_dir: Path) -> None:
    shutil.copy(BAD / "unknown_field.yaml", rules_dir)

    with pytest.raises(RuleError) as caught:
        load_rules_strict(rules_dir)

    assert caught.value.field == "rights.0.deadlines"
    assert str(caught.value).startswith(f"{rules_dir / 'unknown_field.yaml'}:15: ")


def test_collect_reports_every_problem_of_every_file(rules_dir: Path) -> None:
    for name in ("missing_source.yaml", "bad_code.yaml", "invalid_yaml.yaml"):
        shutil.copy(BAD / name, rules_dir)
    text = (rules_dir / "nordic.yaml").read_text(encoding="utf-8")
    two_errors = text.replace("model: opt_in", "model: opt_maybe").replace(
        "value: 15", "value: fifteen"
    )
    (rules_dir / "nordic.yaml").write_text(two_errors, encoding="utf-8")

    errors = collect_rule_errors(rules_dir)

    where = sorted((e.path.name, e.field) for e in errors)
    assert where == [
        ("bad_code.yaml", "jurisdictions.1"),
        ("invalid_yaml.yaml", None),
        ("missing_source.yaml", "rights.0.deadline.source"),
        ("nordic.yaml", "children.age_of_consent.value"),
        ("nordic.yaml", "consent.model"),
    ]


def test_a_second_file_with_the_same_id_is_rejected(rules_dir: Path) -> None:
    shutil.copy(rules_dir / "sweden.yaml", rules_dir / "sweden_copy.yaml")

    ruleset = load_rules(rules_dir)

    assert ruleset.files["se-test-supplement"] == "sweden.yaml"
    [error] = ruleset.errors
    assert error.path.name == "sweden_copy.yaml"
    assert "already used by sweden.yaml" in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the file is empty"), ("- a\n- b\n", "a list, not a mapping")],
)
def test_a_file_that_is_not_a_mapping_is_an_error(rules_dir: Path, text: str, message: str) -> None:
    (rules_dir / "odd.yaml").write_text(text, encoding="utf-8")
    [error] = collect_rule_errors(rules_dir)
    assert message in error.message and error.line == 1


def test_subdirectories_such_as_notice_templates_are_not_rule_files(rules_dir: Path) -> None:
    (rules_dir / "notices").mkdir()
    (rules_dir / "notices" / "strings.yaml").write_text("not: [a rule", encoding="utf-8")
    assert load_rules_strict(rules_dir).ids == GOOD_IDS


def test_a_missing_rules_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="rules directory not found"):
        load_rules(tmp_path / "nowhere")


def test_a_broken_groups_file_is_reported(rules_dir: Path) -> None:
    (rules_dir / "jurisdictions.yaml").write_text("groups: {}\n", encoding="utf-8")
    [error] = collect_rule_errors(rules_dir)
    assert error.path.name == "jurisdictions.yaml" and error.field == "last_reviewed"


def test_the_dataset_bytes_are_deterministic_and_read_back_identically() -> None:
    first = ruleset_json(load_rules_strict(GOOD))
    second = ruleset_json(load_rules_strict(GOOD))

    assert first == second
    assert ruleset_json(ruleset_from_json(first)) == first
    data = json.loads(first)
    assert data["format_version"] == 1
    assert [rule["id"] for rule in data["rules"]] == list(GOOD_IDS)
    # Field names stay as written in the rule files ("from", not "counted_from").
    assert data["rules"][0]["rights"][0]["deadline"]["from"] == "receipt"


def test_the_dataset_read_back_keeps_groups_and_files() -> None:
    ruleset = ruleset_from_json(ruleset_json(load_rules_strict(GOOD)))
    assert ruleset.groups()["NRD"] == ("DK", "FI", "IS", "NO", "SE")
    assert ruleset.files["nd-test-law"] == "nordic.yaml"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "not a valid rules dataset"),
        (b'{"format_version": 99, "rules": []}', "unsupported format_version 99"),
        (b'{"format_version": 1, "rules": [{"id": "x"}]}', "not a valid rules dataset"),
    ],
)
def test_a_corrupt_dataset_is_a_rule_error(data: bytes, message: str) -> None:
    with pytest.raises(RuleError, match=message) as caught:
        ruleset_from_json(data, origin="release/rules.json")
    assert str(caught.value).startswith("release/rules.json: ")


def test_the_rules_artifact_is_the_content_hashed_dataset() -> None:
    ruleset = load_rules_strict(GOOD)
    artifact = rules_artifact(ruleset)

    assert (artifact.name, artifact.kind, artifact.format) == (RULES_ARTIFACT_NAME, "rules", "json")
    assert artifact.data == ruleset_json(ruleset)
    assert artifact.path == f"rules/rules.{artifact.sha256[:12]}.json"


def test_a_key_given_twice_rejects_the_file(rules_dir: Path) -> None:
    path = rules_dir / "us_ny.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: in_force\n", "status: in_force\nstatus: in_force\n"))

    ruleset = load_rules(rules_dir)

    assert "us-ny-test-local" not in ruleset.ids
    [error] = ruleset.errors
    assert (error.line, error.field) == (9, "status")
    assert "key 'status' appears twice (first on line 8)" in error.message


def test_yaml_merge_keys_are_not_duplicates(rules_dir: Path) -> None:
    path = rules_dir / "us_ny.yaml"
    text = path.read_text(encoding="utf-8")
    merged = text.replace("regulator:\n  name:", "regulator: &reg\n  name:") + (
        "representative: {<<: {required: false}, required: false, "
        'source: {url: "https://example.org/nytla", section: "s. 9"}}\n'
    )
    path.write_text(merged, encoding="utf-8")
    assert collect_rule_errors(rules_dir) == []
