"""Orchestration settings: when the nightly release runs (``I18N_RELEASE_*``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrchestrationSettings(BaseSettings):
    """Schedule and sensor settings; the environment overrides the defaults."""

    model_config = SettingsConfigDict(env_prefix="I18N_", extra="ignore", populate_by_name=True)

    release_cron: str = Field(
        default="0 2 * * *", description="Cron of nightly_release_schedule (I18N_RELEASE_CRON)."
    )
    release_timezone: str = Field(default="UTC", description="Time zone the cron is read in.")
    sensor_interval_seconds: int = Field(
        default=60, ge=5, description="How often catalog_change_sensor hashes the inputs."
    )
    executor: Literal["multiprocess", "in_process", "k8s"] = Field(
        default="multiprocess",
        description="How a run executes its steps (I18N_DAGSTER_EXECUTOR); k8s: a pod per step.",
        validation_alias="I18N_DAGSTER_EXECUTOR",
    )
    k8s_executor_config: Path = Field(
        default=Path("deploy/dagster/k8s_executor.yaml"),
        description="k8s_job_executor config, relative to the project root.",
        validation_alias="I18N_DAGSTER_K8S_EXECUTOR_CONFIG",
    )
