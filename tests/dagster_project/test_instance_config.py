"""The production dagster.yaml and workspace.yaml are what Dagster accepts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from dagster import DagsterInstance, job, op
from dagster._config import process_config
from dagster._core.instance.config import dagster_instance_config
from dagster._core.instance.ref import InstanceRef
from dagster._core.workspace.config_schema import ensure_workspace_config
from dagster._serdes.config_class import class_from_code_pointer

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "dagster"
ENV = {
    "DAGSTER_POSTGRES_URL": "postgresql+psycopg2://dagster:secret@127.0.0.1:5432/dagster",
    "DAGSTER_K8S_NAMESPACE": "i18n",
    "DAGSTER_JOB_IMAGE": "registry.example.com/i18n-pipeline:1",
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    shutil.copy(DEPLOY / "dagster.yaml", tmp_path / "dagster.yaml")
    return tmp_path


@pytest.mark.parametrize("section", ["run_coordinator", "run_launcher"])
def test_each_configured_class_accepts_its_config(home: Path, section: str) -> None:
    config, _instance_class = dagster_instance_config(str(home))
    part = config[section]
    cls = class_from_code_pointer(part["module"], part["class"])

    checked = process_config(cls.config_type(), part["config"])

    assert checked.success, [error.message for error in checked.errors]


def test_storage_is_postgres_from_the_environment(home: Path) -> None:
    from dagster_postgres import DagsterPostgresStorage

    config, _ = dagster_instance_config(str(home))
    checked = process_config(DagsterPostgresStorage.config_type(), config["storage"]["postgres"])

    assert checked.success, [error.message for error in checked.errors]
    assert checked.value["postgres_url"] == ENV["DAGSTER_POSTGRES_URL"]


def test_an_unknown_top_level_key_is_rejected(home: Path) -> None:
    text = (home / "dagster.yaml").read_text(encoding="utf-8")
    (home / "dagster.yaml").write_text(text + "\nrun_launchers: {}\n", encoding="utf-8")

    with pytest.raises(Exception, match="run_launchers"):
        dagster_instance_config(str(home))


def test_the_workspace_names_one_grpc_code_location() -> None:
    data = yaml.safe_load((DEPLOY / "workspace.yaml").read_text(encoding="utf-8"))

    checked = ensure_workspace_config(data, str(DEPLOY / "workspace.yaml"))

    (entry,) = checked["load_from"]
    assert entry["grpc_server"]["location_name"] == "i18n_pipeline"


@op
def _noop() -> int:
    return 1


@job
def _ping() -> None:
    _noop()


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs TEST_DATABASE_URL")
def test_the_instance_runs_a_job_against_postgres(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLAlchemy 2.1 drives plain postgresql:// URLs with psycopg 3, whose server-side
    # parameters dagster-postgres's NOTIFY cannot take; name psycopg2 explicitly.
    url = os.environ["TEST_DATABASE_URL"].replace("postgresql+psycopg://", "postgresql+psycopg2://")
    monkeypatch.setenv("DAGSTER_POSTGRES_URL", url)
    # The Kubernetes launcher needs a cluster; everything else is the production file.
    overrides = {"run_launcher": {"module": "dagster", "class": "DefaultRunLauncher"}}
    ref = InstanceRef.from_dir(str(home), overrides=overrides)

    with DagsterInstance.from_ref(ref) as instance:
        result = _ping.execute_in_process(instance=instance)
        stored = instance.get_run_by_id(result.run_id)

    assert result.success
    assert stored is not None and stored.job_name == "_ping"
    assert "Postgres" in type(instance.run_storage).__name__
