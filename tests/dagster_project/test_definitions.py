"""The Definitions load, name what the matrix says, and carry the CLI's settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from dagster import Definitions
from dagster._config import validate_config

from dagster_project.definitions import build_definitions
from dagster_project.resources import settings_from
from dagster_project.settings import OrchestrationSettings
from i18n_pipeline.config import Settings

REPO = Path(__file__).resolve().parents[2]

ASSET_KEYS = [
    "catalogs",
    "completion_statistics",
    "compliance_rules",
    "privacy_notices",
    "region_bundles",
    "release",
    "templates/messages",
    "templates/notices",
]
CHECK_KEYS = [
    "catalogs:catalog_checks",
    "completion_statistics:completion_target_p0",
    "completion_statistics:completion_target_p1",
    "completion_statistics:completion_target_p2",
    "compliance_rules:rule_file_checks",
    "privacy_notices:legal_gate",
    "release:release_verification",
]


def _check_keys(definitions: Definitions) -> list[str]:
    graph = definitions.resolve_asset_graph()
    return sorted(f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys)


def test_definitions_hold_the_expected_assets_checks_and_automation(
    definitions: Definitions,
) -> None:
    graph = definitions.resolve_asset_graph()

    assert sorted(k.to_user_string() for k in graph.get_all_asset_keys()) == ASSET_KEYS
    assert _check_keys(definitions) == CHECK_KEYS
    assert definitions.resolve_job_def("release_job").name == "release_job"
    assert definitions.resolve_schedule_def("nightly_release_schedule").job_name == "release_job"
    assert definitions.resolve_sensor_def("catalog_change_sensor").job_name == "release_job"


def test_blocking_checks_follow_the_matrix_gates(definitions: Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    blocking = {
        key.name: graph.get_check_spec(key).blocking
        for key in graph.asset_check_keys
        if key.asset_key.to_user_string() == "completion_statistics"
    }

    # matrix.yaml: P0 blocks, P1 warns, P2 excludes.
    assert blocking == {
        "completion_target_p0": True,
        "completion_target_p1": False,
        "completion_target_p2": False,
    }


def test_one_partition_per_translated_matrix_language(
    dg_settings: Settings, definitions: Definitions
) -> None:
    partitions = definitions.resolve_assets_def("catalogs").partitions_def

    assert partitions is not None
    assert partitions.get_partition_keys() == list(dg_settings.matrix.translated_locales)
    assert "en" not in partitions.get_partition_keys()  # the source has no catalog


def test_a_language_added_to_the_matrix_is_a_new_partition(dg_settings: Settings) -> None:
    path = dg_settings.locales_path / "matrix.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["languages"].append(
        {"locale": "it", "name": "Italian", "priority": "P2", "target": 0.5, "regions": ["emea"]}
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    definitions = build_definitions(Settings(root=dg_settings.root))
    partitions = definitions.resolve_assets_def("catalogs").partitions_def

    assert partitions is not None
    assert partitions.get_partition_keys()[-1] == "it"


def test_resources_rebuild_the_settings_they_were_made_from(
    dg_settings: Settings, definitions: Definitions
) -> None:
    resources = definitions.resources
    rebuilt = settings_from(resources["paths"], resources["release_store"], resources["database"])

    assert rebuilt.root == dg_settings.root.resolve()
    assert rebuilt.locales_path == dg_settings.locales_path
    assert rebuilt.rules_path == dg_settings.rules_path
    assert rebuilt.release_path == dg_settings.release_path
    assert rebuilt.db_url == dg_settings.db_url
    assert rebuilt.source_commit == dg_settings.source_commit


def test_the_k8s_executor_config_is_valid_for_dagster_k8s(
    dg_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagster_k8s import k8s_job_executor

    monkeypatch.setenv("DAGSTER_K8S_NAMESPACE", "i18n")
    config = OrchestrationSettings(
        executor="k8s", k8s_executor_config=REPO / "deploy/dagster/k8s_executor.yaml"
    )
    data = yaml.safe_load(config.k8s_executor_config.read_text(encoding="utf-8"))

    checked = validate_config(k8s_job_executor.config_schema.as_field().config_type, data)
    definitions = build_definitions(dg_settings, config)

    assert checked.success, [error.message for error in checked.errors]
    assert definitions.resolve_job_def("release_job").executor_def.name == "k8s"


def test_a_wrong_k8s_executor_field_is_reported(tmp_path: Path) -> None:
    from dagster_k8s import k8s_job_executor

    checked = validate_config(
        k8s_job_executor.config_schema.as_field().config_type, {"max_concurent": 4}
    )

    assert not checked.success
    assert "max_concurent" in checked.errors[0].message
