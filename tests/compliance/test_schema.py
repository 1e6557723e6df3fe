"""The rule schema: committed files validate, malformed ones fail with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n_pipeline.compliance.schema import Rule, rule_json_schema_text
from i18n_pipeline.errors import RuleError
from i18n_pipeline.yamlio import load_model
from tests.conftest import REPO

RULES = REPO / "compliance_rules"
RULE_FILES = sorted(p for p in RULES.glob("*.yaml") if p.name != "jurisdictions.yaml")


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_committed_rule_file_validates(path: Path) -> None:
    rule = load_model(path, Rule, RuleError)
    assert rule.jurisdictions


def test_committed_json_schema_is_up_to_date() -> None:
    committed = (RULES / "schema.json").read_text(encoding="utf-8")
    assert committed == rule_json_schema_text(), "run `i18n rules schema` to refresh it"
