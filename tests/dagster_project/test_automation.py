"""The nightly schedule and the catalog change sensor: what they ask Dagster to run."""

from __future__ import annotations

from datetime import UTC, datetime

from dagster import (
    Definitions,
    RunRequest,
    SensorResult,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
)
from dagster._core.storage.tags import (
    ASSET_PARTITION_RANGE_END_TAG,
    ASSET_PARTITION_RANGE_START_TAG,
)

from dagster_project.definitions import build_definitions
from dagster_project.partitions import RANGE_END_TAG, RANGE_START_TAG
from dagster_project.settings import OrchestrationSettings
from i18n_pipeline.config import Settings
from tests.dagster_project.conftest import catalog_of


def _evaluate_sensor(definitions: Definitions, cursor: str | None) -> SensorResult | SkipReason:
    sensor = definitions.resolve_sensor_def("catalog_change_sensor")
    context = build_sensor_context(cursor=cursor, resources=definitions.resources)
    return sensor(context)


def test_range_tags_are_dagsters_own() -> None:
    assert (RANGE_START_TAG, RANGE_END_TAG) == (
        ASSET_PARTITION_RANGE_START_TAG,
        ASSET_PARTITION_RANGE_END_TAG,
    )


def test_the_sensor_starts_a_run_keyed_by_the_tree_hash_once(
    dg_settings: Settings, definitions: Definitions
) -> None:
    first = _evaluate_sensor(definitions, cursor=None)

    assert isinstance(first, SensorResult)
    (request,) = first.run_requests or []
    assert request.run_key == first.cursor
    locales = dg_settings.matrix.translated_locales
    assert request.tags[RANGE_START_TAG] == locales[0]
    assert request.tags[RANGE_END_TAG] == locales[-1]

    again = _evaluate_sensor(definitions, cursor=first.cursor)
    assert isinstance(again, SkipReason)
    assert "unchanged" in (again.skip_message or "")


def test_a_changed_catalog_or_rule_file_is_a_new_run(
    dg_settings: Settings, definitions: Definitions
) -> None:
    first = _evaluate_sensor(definitions, cursor=None)
    assert isinstance(first, SensorResult)
    path = catalog_of(dg_settings, "ja")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    after_catalog = _evaluate_sensor(definitions, cursor=first.cursor)
    assert isinstance(after_catalog, SensorResult)
    rules = dg_settings.rules_path / "gdpr.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_rules = _evaluate_sensor(definitions, cursor=after_catalog.cursor)

    assert isinstance(after_rules, SensorResult)
    keys = [first.cursor, after_catalog.cursor, after_rules.cursor]
    assert len(set(keys)) == 3
    assert [r.run_key for r in after_rules.run_requests or []] == [after_rules.cursor]


def test_a_change_outside_the_watched_files_starts_nothing(
    dg_settings: Settings, definitions: Definitions
) -> None:
    first = _evaluate_sensor(definitions, cursor=None)
    assert isinstance(first, SensorResult)
    source = dg_settings.source_path / "app" / "jobs.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (dg_settings.locales_path / "de" / "LC_MESSAGES" / "messages.mo").write_bytes(b"compiled")

    assert isinstance(_evaluate_sensor(definitions, cursor=first.cursor), SkipReason)


def test_the_nightly_schedule_runs_the_release_over_every_locale_at_two(
    dg_settings: Settings, definitions: Definitions
) -> None:
    schedule = definitions.resolve_schedule_def("nightly_release_schedule")
    when = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)

    request = schedule(build_schedule_context(scheduled_execution_time=when))

    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 2 * * *", "UTC")
    assert isinstance(request, RunRequest)
    assert request.run_key == when.isoformat()
    assert request.tags[RANGE_START_TAG] == dg_settings.matrix.translated_locales[0]
    assert request.tags[RANGE_END_TAG] == dg_settings.matrix.translated_locales[-1]


def test_the_schedule_cron_comes_from_the_settings(dg_settings: Settings) -> None:
    config = OrchestrationSettings(release_cron="30 3 * * 1-5", release_timezone="Asia/Singapore")

    schedule = build_definitions(dg_settings, config).resolve_schedule_def(
        "nightly_release_schedule"
    )

    assert (schedule.cron_schedule, schedule.execution_timezone) == (
        "30 3 * * 1-5",
        "Asia/Singapore",
    )
