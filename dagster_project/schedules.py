"""nightly_release_schedule: the full release job every night (cron from settings)."""

from dagster import (
    RunRequest,
    ScheduleDefinition,
    ScheduleEvaluationContext,
    StaticPartitionsDefinition,
    schedule,
)
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

from dagster_project.partitions import full_range_tags
from dagster_project.settings import OrchestrationSettings


def nightly_release_schedule_for(
    job: UnresolvedAssetJobDefinition,
    partitions: StaticPartitionsDefinition,
    config: OrchestrationSettings,
) -> ScheduleDefinition:
    """The nightly schedule of ``job`` over every locale, at ``config.release_cron``."""

    @schedule(
        name="nightly_release_schedule",
        cron_schedule=config.release_cron,
        execution_timezone=config.release_timezone,
        job=job,
        description=f"The full release at {config.release_cron!r} ({config.release_timezone}).",
    )
    def nightly_release_schedule(context: ScheduleEvaluationContext) -> RunRequest:
        """One run over all locales, keyed by the scheduled time."""
        scheduled = context.scheduled_execution_time
        key = scheduled.isoformat() if scheduled else None
        return RunRequest(run_key=key, tags={**full_range_tags(partitions), "trigger": "nightly"})

    return nightly_release_schedule
