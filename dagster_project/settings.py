"""Orchestration settings: when the nightly release runs (``I18N_RELEASE_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class OrchestrationSettings(BaseSettings):
    """Schedule and sensor settings; the environment overrides the defaults."""

    model_config = SettingsConfigDict(env_prefix="I18N_", extra="ignore")

    release_cron: str = Field(
        default="0 2 * * *", description="Cron of nightly_release_schedule (I18N_RELEASE_CRON)."
    )
    release_timezone: str = Field(default="UTC", description="Time zone the cron is read in.")
    sensor_interval_seconds: int = Field(
        default=60, ge=5, description="How often catalog_change_sensor hashes the inputs."
    )
