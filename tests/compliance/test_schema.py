"""The rule schema: committed files validate, malformed ones fail with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from i18n_pipeline.compliance.loader import rule_files, validate_file
from i18n_pipeline.compliance.schema import (
    Deadline,
    NoticeLanguage,
    Right,
    Rule,
    Source,
    TimeUnit,
    rule_json_schema,
    rule_json_schema_text,
)
from i18n_pipeline.errors import RuleError
from i18n_pipeline.yamlio import load_model
from tests.conftest import DATA, REPO

RULES = REPO / "compliance_rules"
BAD = DATA / "rules" / "bad"
SRC = Source(url="https://example.org/law", section="s. 1")


def _committed() -> list[Path]:
    return rule_files(RULES)


@pytest.mark.parametrize("path", _committed(), ids=lambda p: p.name)
def test_every_committed_rule_file_validates(path: Path) -> None:
    rule = load_model(path, Rule, RuleError)
    assert rule.jurisdictions
    assert rule.regulator.url.startswith("http")


@pytest.mark.parametrize("path", _committed(), ids=lambda p: p.name)
def test_every_committed_rule_file_declares_the_editor_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schema.json"


@pytest.mark.parametrize("path", _committed(), ids=lambda p: p.name)
def test_exported_json_schema_accepts_every_committed_file(path: Path) -> None:
    # YAML dates become strings, as an editor's JSON view of the file sees them.
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, rule_json_schema())


def test_committed_json_schema_is_up_to_date() -> None:
    committed = (RULES / "schema.json").read_text(encoding="utf-8")
    assert committed == rule_json_schema_text(), "run: i18n rules schema -o <that file>"


def test_json_schema_rejects_an_unknown_field() -> None:
    data = yaml.safe_load((BAD / "unknown_field.yaml").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError, match="deadlines"):
        jsonschema.validate(json.loads(json.dumps(data, default=str)), rule_json_schema())


@pytest.mark.parametrize(
    ("name", "line", "field", "message"),
    [
        ("missing_source.yaml", 15, "rights.0.deadline.source", "Field required"),
        ("unknown_field.yaml", 15, "rights.0.deadlines", "Extra inputs are not permitted"),
        ("bad_code.yaml", 6, "jurisdictions.1", "should match pattern"),
        ("norway_bool.yaml", 6, "jurisdictions.0", "quote the value"),
        ("invalid_yaml.yaml", 4, None, "invalid YAML"),
    ],
)
def test_bad_rule_file_is_rejected_with_file_line_and_field(
    name: str, line: int, field: str | None, message: str
) -> None:
    model, errors = validate_file(BAD / name)

    assert model is None
    first = errors[0]
    assert (first.path.name, first.line, first.field) == (name, line, field)
    assert message in first.message
    assert str(first).startswith(f"{BAD / name}:{line}: ")


def _deadline(**fields: Any) -> Deadline:
    return Deadline.model_validate({"source": SRC.model_dump(), **fields})


def test_month_deadlines_stay_in_months() -> None:
    gdpr = load_model(RULES / "gdpr.yaml", Rule, RuleError)
    access = gdpr.right("access")

    assert access is not None and access.deadline is not None and access.extension is not None
    assert (access.deadline.value, access.deadline.unit) == (1, TimeUnit.MONTHS)
    assert (access.extension.value, access.extension.unit) == (2, TimeUnit.MONTHS)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": 30}, "needs a unit"),
        ({"unit": "days"}, "needs a value"),
        ({}, "set certainty: uncertain"),
        ({"value": 72, "unit": "hours", "kind": "business"}, "days only"),
        ({"value": None, "certainty": "uncertain"}, "needs a note"),
        ({"value": -1, "unit": "days"}, "greater than or equal to 0"),
    ],
)
def test_incomplete_or_unexplained_deadlines_are_rejected(
    fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _deadline(**fields)


def test_an_unknown_figure_is_explicit_null_uncertain_and_explained() -> None:
    unknown = _deadline(value=None, certainty="uncertain", note="not yet set by regulation")
    assert unknown.describe() == "unknown"


def test_the_from_key_is_read_and_written_as_from() -> None:
    deadline = _deadline(value=45, unit="days", **{"from": "receipt"})
    assert deadline.model_dump(by_alias=True, mode="json")["from"] == "receipt"
    assert deadline.describe() == "45 calendar days from receipt"


def test_a_right_that_does_not_apply_has_no_deadline() -> None:
    with pytest.raises(ValidationError, match="does not apply"):
        Right.model_validate(
            {
                "right": "access",
                "applies": False,
                "deadline": {"value": 30, "unit": "days", "source": SRC.model_dump()},
                "source": SRC.model_dump(),
            }
        )


def test_a_right_listed_twice_is_rejected() -> None:
    data = yaml.safe_load((RULES / "gdpr.yaml").read_text(encoding="utf-8"))
    data["rights"].append(data["rights"][0])
    with pytest.raises(ValidationError, match="'access' is listed twice"):
        Rule.model_validate(data)


def test_notice_language_must_be_a_bcp47_tag() -> None:
    assert NoticeLanguage(tag="zh-Hant", source=SRC).tag == "zh-Hant"
    with pytest.raises(ValidationError, match="not a valid BCP 47"):
        NoticeLanguage(tag="french!", source=SRC)
