"""Fixtures for the Dagster tests: definitions over a private project copy, run helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from dagster import DagsterEventType, DagsterInstance, Definitions, ExecuteInProcessResult

from dagster_project.definitions import build_definitions
from dagster_project.partitions import full_range_tags, locale_partitions
from dagster_project.settings import OrchestrationSettings
from i18n_pipeline.config import Settings
from i18n_pipeline.layout import catalog_path


@pytest.fixture
def dg_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The project copy's settings, with the database on SQLite inside the copy."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    return Settings(root=settings.root, source_commit="0123456789abcdef0123")


@pytest.fixture
def definitions(dg_settings: Settings) -> Definitions:
    return build_definitions(dg_settings, OrchestrationSettings(executor="in_process"))


@pytest.fixture
def instance() -> Iterator[DagsterInstance]:
    with DagsterInstance.ephemeral() as value:
        yield value


def run_release_job(
    definitions: Definitions, settings: Settings, instance: DagsterInstance
) -> ExecuteInProcessResult:
    """The release job over every locale, in process, without raising on failure."""
    job = definitions.resolve_job_def("release_job")
    tags = full_range_tags(locale_partitions(settings.matrix))
    return job.execute_in_process(instance=instance, tags=tags, raise_on_error=False)


def run_catalog_partition(
    definitions: Definitions, locale: str, instance: DagsterInstance
) -> ExecuteInProcessResult:
    """The catalog job for one language."""
    job = definitions.resolve_job_def("catalog_job")
    return job.execute_in_process(instance=instance, partition_key=locale, raise_on_error=False)


def check_results(result: ExecuteInProcessResult) -> dict[str, Any]:
    """Check name -> its evaluation in the run."""
    found = {}
    for event in result.all_events:
        if event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            data = event.event_specific_data
            found[data.check_name] = data
    return found


def materialized(result: ExecuteInProcessResult) -> dict[str, list[Any]]:
    """Asset key -> its materializations in the run (one per partition)."""
    found: dict[str, list[Any]] = {}
    for event in result.all_events:
        if event.event_type == DagsterEventType.ASSET_MATERIALIZATION:
            mat = event.event_specific_data.materialization
            found.setdefault(mat.asset_key.to_user_string(), []).append(mat)
    return found


def step_failures(result: ExecuteInProcessResult) -> dict[str, str]:
    """Step key -> the failure's description or message."""
    found = {}
    for event in result.all_events:
        if event.event_type == DagsterEventType.STEP_FAILURE:
            error = event.event_specific_data.error
            user = event.event_specific_data.user_failure_data
            found[event.step_key] = (user.description if user else None) or error.message
    return found


def translate_some(settings: Settings, locale: str, count: int) -> int:
    """Fill ``count`` untranslated singular messages with their msgid (a translator's work)."""
    path = catalog_path(settings.locales_path, locale, "messages")
    po = polib.pofile(str(path), wrapwidth=0)
    done = 0
    for entry in po:
        if done == count:
            break
        if not entry.msgid_plural and not entry.msgstr and not entry.obsolete and not entry.fuzzy:
            entry.msgstr = entry.msgid
            done += 1
    po.save(str(path))
    return done


def catalog_of(settings: Settings, locale: str) -> Path:
    return catalog_path(settings.locales_path, locale, "messages")
