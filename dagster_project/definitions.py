"""The one ``Definitions`` of the project (``dagster dev -m dagster_project.definitions``).

Partitions and check names come from the matrix of the :class:`Settings`
given (by default the ``I18N_*`` environment and the working directory), and
the resources carry the same settings, so Dagster runs the CLI's library on
the CLI's files.
"""

from __future__ import annotations

from dagster import Definitions

from dagster_project.assets.catalogs import catalogs_asset
from dagster_project.assets.completion import completion_asset
from dagster_project.assets.compliance import compliance_rules, privacy_notices
from dagster_project.assets.release import region_bundles, release
from dagster_project.assets.templates import templates_asset
from dagster_project.executors import executor_for
from dagster_project.jobs import catalog_job, release_job
from dagster_project.partitions import locale_partitions
from dagster_project.resources import resources_for
from dagster_project.schedules import nightly_release_schedule_for
from dagster_project.sensors import catalog_change_sensor_for
from dagster_project.settings import OrchestrationSettings
from i18n_pipeline.config import Settings
from i18n_pipeline.extract import load_extraction_config


def build_definitions(
    settings: Settings | None = None, config: OrchestrationSettings | None = None
) -> Definitions:
    """Assets, checks, jobs, schedule, sensor and resources for ``settings``."""
    settings = settings or Settings()
    config = config or OrchestrationSettings()
    matrix = settings.matrix
    partitions = locale_partitions(matrix)
    domains = sorted(load_extraction_config(settings).domains)
    job = release_job()
    return Definitions(
        assets=[
            templates_asset(domains),
            catalogs_asset(partitions, domains),
            completion_asset(matrix),
            compliance_rules,
            privacy_notices,
            region_bundles,
            release,
        ],
        jobs=[job, catalog_job()],
        schedules=[nightly_release_schedule_for(job, partitions, config)],
        sensors=[catalog_change_sensor_for(job, partitions, config)],
        resources=resources_for(settings),
        executor=executor_for(config, settings.root),
    )


defs = build_definitions()
