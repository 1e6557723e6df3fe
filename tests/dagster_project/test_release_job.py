"""The release job in process on a copy of the sample: a verified release is published;
bad input fails its own asset or check and leaves the published release alone."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from dagster import AssetCheckSeverity, DagsterInstance, Definitions, materialize

from i18n_pipeline.config import Settings
from i18n_pipeline.layout import catalog_path
from i18n_pipeline.release import build, verify_release
from i18n_pipeline.store import open_store
from tests.dagster_project.conftest import (
    catalog_of,
    check_results,
    materialized,
    run_catalog_partition,
    run_release_job,
    step_failures,
)
from tests.support import msgfmt_check

pytestmark = pytest.mark.slow


def test_release_job_publishes_and_verifies_a_release(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    result = run_release_job(definitions, dg_settings, instance)

    assert result.success, step_failures(result)
    store = open_store(dg_settings)
    pointer = store.current()
    assert pointer is not None
    release_meta = materialized(result)["release"][0].metadata
    assert release_meta["release id"].value == pointer.release_id
    manifest_path = Path(release_meta["manifest"].value)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["release_id"] == pointer.release_id
    assert verify_release(store, pointer.release_id).ok

    checks = check_results(result)
    assert checks["release_verification"].passed
    assert checks["catalog_checks"].passed
    assert checks["legal_gate"].passed
    assert checks["rule_file_checks"].passed
    assert checks["completion_target_p0"].passed
    # Portuguese is below its 80% target: a P1 language warns, it does not block.
    assert not checks["completion_target_p1"].passed
    assert checks["completion_target_p1"].severity == AssetCheckSeverity.WARN
    assert "pt" in checks["completion_target_p1"].description

    catalogs = materialized(result)["catalogs"]
    assert sorted(m.partition for m in catalogs) == sorted(dg_settings.matrix.translated_locales)
    for locale in dg_settings.matrix.translated_locales:
        msgfmt_check(catalog_of(dg_settings, locale))


def test_completion_metadata_shows_targets_chart_and_the_reason_for_no_forecast(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    result = run_release_job(definitions, dg_settings, instance)

    meta = materialized(result)["completion_statistics"][0].metadata
    rows = {row.data["locale"]: row.data for row in meta["completion"].value.records}
    assert rows["pt"]["gate"] == "warn"
    assert rows["pt"]["words left"] > 0
    assert rows["pt"]["forecast"] == "not enough history"  # no release before this run
    assert rows["en"]["forecast"] == "target reached"
    assert "| pt |" in meta["chart"].value
    assert Path(meta["chart svg"].value).read_bytes().startswith(b"<?xml")
    assert meta["forecast"].value["pt"]["date"] is None


def test_a_check_error_blocks_the_release_and_keeps_current(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    before = build(dg_settings, open_store(dg_settings)).manifest.release_id
    path = catalog_of(dg_settings, "de")
    text = path.read_text(encoding="utf-8")
    # A translation that drops its placeholder: the placeholders check is an error.
    start = text.index('msgstr "', text.index("{name}"))
    end = text.index("\n", start)
    path.write_text(text[:start] + 'msgstr "Hallo"' + text[end:], encoding="utf-8")

    result = run_release_job(definitions, dg_settings, instance)

    assert not result.success
    check = check_results(result)["catalog_checks"]
    assert not check.passed
    assert "placeholder" in check.description and "de/LC_MESSAGES/messages.po" in check.description
    assert "release" not in materialized(result)
    pointer = open_store(dg_settings).current()
    assert pointer is not None and pointer.release_id == before


def test_an_unreadable_catalog_fails_its_partition_with_file_and_line(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    before = build(dg_settings, open_store(dg_settings)).manifest.release_id
    path = catalog_of(dg_settings, "fr")
    good = path.read_bytes()
    path.write_text(good.decode() + '\nmsgid "unterminated\n', encoding="utf-8")
    broken = path.read_bytes()

    failed = run_catalog_partition(definitions, "fr", instance)
    other = run_catalog_partition(definitions, "es", instance)

    assert not failed.success
    message = step_failures(failed)["catalogs"]
    assert "fr/LC_MESSAGES/messages.po:" in message
    syntax = check_results(failed)["catalog_checks"]
    assert not syntax.passed and "syntax" in syntax.description
    assert path.read_bytes() == broken  # the library refused to rewrite it
    assert other.success
    assert [m.partition for m in materialized(other)["catalogs"]] == ["es"]
    pointer = open_store(dg_settings).current()
    assert pointer is not None and pointer.release_id == before


def test_a_broken_rule_file_fails_the_rules_asset_and_its_check(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    before = build(dg_settings, open_store(dg_settings)).manifest.release_id
    path = dg_settings.rules_path / "gdpr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: ", "id: [", 1), encoding="utf-8")

    result = materialize(
        [definitions.resolve_assets_def("compliance_rules")],
        instance=instance,
        raise_on_error=False,
    )

    assert not result.success
    message = step_failures(result)["compliance_rules"]
    assert "gdpr.yaml:" in message
    check = check_results(result)["rule_file_checks"]
    assert not check.passed
    assert "gdpr.yaml" in check.metadata["findings"].value
    pointer = open_store(dg_settings).current()
    assert pointer is not None and pointer.release_id == before


def test_a_required_notice_left_fuzzy_fails_the_legal_gate(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    path = catalog_path(dg_settings.locales_path, "fr", "notices")
    po = polib.pofile(str(path), wrapwidth=0)
    entry = po.find("Privacy notice")
    assert entry is not None and entry.msgstr
    entry.flags.append("fuzzy")
    po.save(str(path))

    result = materialize(
        [definitions.resolve_assets_def("privacy_notices")], instance=instance, raise_on_error=False
    )

    assert not result.success
    gate = check_results(result)["legal_gate"]
    assert not gate.passed
    assert "'fr'" in gate.description and "Privacy notice" in gate.description
    assert "legal gate" in step_failures(result)["privacy_notices"]
