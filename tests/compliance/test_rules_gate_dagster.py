"""The Dagster rules asset refuses a rule set that `i18n rules check` rejects, with the
checker's file:line, just as the release build does (both call load_rules_checked)."""

from __future__ import annotations

from dagster import DagsterInstance, Definitions, ExecuteInProcessResult, materialize

from i18n_pipeline.compliance.checks import Severity, check_rules
from i18n_pipeline.config import Settings
from tests.dagster_project import conftest as dg
from tests.dagster_project.conftest import check_results, materialized, step_failures

# The Dagster tests' fixtures: a project copy, its definitions and an ephemeral instance.
dg_settings = dg.dg_settings
definitions = dg.definitions
instance = dg.instance


def _materialize_rules(
    definitions: Definitions, instance: DagsterInstance
) -> ExecuteInProcessResult:
    return materialize(
        [definitions.resolve_assets_def("compliance_rules")],
        instance=instance,
        raise_on_error=False,
    )


def test_rules_asset_materializes_a_clean_rule_set(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    result = _materialize_rules(definitions, instance)

    assert result.success
    assert "compliance_rules" in materialized(result)


def test_unknown_jurisdiction_fails_the_rules_asset_with_checker_location(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    path = dg_settings.rules_path / "za-popia.yaml"
    text = path.read_text(encoding="utf-8")
    assert "jurisdictions: [ZA]" in text
    path.write_text(text.replace("jurisdictions: [ZA]", "jurisdictions: [ZZ]"), encoding="utf-8")
    error = next(f for f in check_rules(dg_settings.rules_path) if f.severity is Severity.ERROR)

    result = _materialize_rules(definitions, instance)

    assert not result.success
    assert "compliance_rules" not in materialized(result)
    message = step_failures(result)["compliance_rules"]
    assert f"{error.path}:{error.line}: unknown-jurisdiction: {error.message}" in message
    assert not check_results(result)["rule_file_checks"].passed
