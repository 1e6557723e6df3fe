"""catalog_change_sensor: a release run when catalogs, templates or rule files change.

The run key is the hash of those files' paths and bytes, so an unchanged tree
starts nothing, and the cursor keeps the last hash across evaluations.
"""

import hashlib
from collections.abc import Iterable
from pathlib import Path

from dagster import (
    RunRequest,
    SensorDefinition,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    StaticPartitionsDefinition,
    sensor,
)
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

from dagster_project.partitions import full_range_tags
from dagster_project.resources import ProjectPaths
from dagster_project.settings import OrchestrationSettings


def watched_files(locales: Path, rules: Path) -> list[Path]:
    """``locales/**/*.po``, ``locales/**/*.pot`` and every file under the rules directory."""
    found: list[Path] = []
    if locales.is_dir():
        found += locales.rglob("*.po")
        found += locales.rglob("*.pot")
    if rules.is_dir():
        found += (p for p in rules.rglob("*") if p.is_file())
    return sorted(set(found))


def tree_hash(files: Iterable[Path], root: Path) -> str:
    """SHA-256 over each file's path (relative to ``root``) and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def catalog_change_sensor_for(
    job: UnresolvedAssetJobDefinition,
    partitions: StaticPartitionsDefinition,
    config: OrchestrationSettings,
) -> SensorDefinition:
    """The sensor starting ``job`` over every locale when the watched tree changes."""

    @sensor(
        name="catalog_change_sensor",
        job=job,
        minimum_interval_seconds=config.sensor_interval_seconds,
        description="Starts the release job when a catalog, template or rule file changes.",
    )
    def catalog_change_sensor(
        context: SensorEvaluationContext, paths: ProjectPaths
    ) -> SensorResult | SkipReason:
        """Hash the watched files; a new hash is a run keyed by it."""
        root = Path(paths.root)
        files = watched_files(root / paths.locales_dir, root / paths.rules_dir)
        current = tree_hash(files, root)
        if current == context.cursor:
            return SkipReason(f"{len(files)} watched files unchanged ({current[:12]})")
        context.log.info("watched files changed: %d files, hash %s", len(files), current[:12])
        request = RunRequest(
            run_key=current, tags={**full_range_tags(partitions), "trigger": "catalog change"}
        )
        return SensorResult(run_requests=[request], cursor=current)

    return catalog_change_sensor
