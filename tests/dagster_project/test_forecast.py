"""Completion history from the release database becomes a forecast per language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from dagster import DagsterInstance, Definitions, materialize

from i18n_pipeline.config import Settings
from i18n_pipeline.release import build
from i18n_pipeline.store import open_store
from tests.dagster_project.conftest import materialized, translate_some

pytestmark = pytest.mark.slow


def test_two_releases_give_a_dated_forecast_for_a_language_below_target(
    dg_settings: Settings, definitions: Definitions, instance: DagsterInstance
) -> None:
    store = open_store(dg_settings)
    build(dg_settings, store, now=datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    assert translate_some(dg_settings, "pt", 3) == 3
    build(dg_settings, store, now=datetime(2026, 12, 3, 2, 0, tzinfo=UTC))
    completion = definitions.resolve_assets_def("completion_statistics")

    result = materialize([completion], instance=instance, raise_on_error=True)

    meta = materialized(result)["completion_statistics"][0].metadata
    pt = meta["forecast"].value["pt"]
    assert pt["words_per_day"] > 0
    assert pt["date"] is not None and pt["date"] > "2026-12-03"
    assert pt["words_left"] > 0
    assert "2026-12-03" in meta["history"].value  # the second release's records
