"""``make run``: the main job script publishes a release and says where it is."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from dagster_project import forecast
from i18n_pipeline.config import Settings
from i18n_pipeline.store import open_store
from scripts import run_main_job


def test_forecast_examples_hold() -> None:
    assert doctest.testmod(forecast).failed == 0


@pytest.mark.slow
def test_the_main_job_publishes_a_release_and_prints_where(
    dg_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("I18N_ROOT", str(dg_settings.root))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster-home"))

    status = run_main_job.main()

    out = capsys.readouterr().out
    pointer = open_store(dg_settings).current()
    assert status == 0
    assert pointer is not None
    assert f"Current release: {pointer.release_id}" in out
    assert "release:release_verification passed" in out
    assert "catalogs, 9 locales" in out
    assert (tmp_path / "dagster-home" / "dagster.yaml").is_file()
