"""Jobs: the full release, and one language's catalogs alone."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

from dagster_project.assets.catalogs import CATALOGS

RELEASE_JOB = "release_job"
CATALOG_JOB = "catalog_job"


def release_job() -> UnresolvedAssetJobDefinition:
    """Every asset and check: templates to the published, verified release.

    Launch it over the full locale range (see
    :func:`dagster_project.partitions.full_range_tags`) so one run updates every catalog.
    """
    return define_asset_job(
        RELEASE_JOB,
        selection=AssetSelection.all(),
        description="Extract, update and check catalogs, gate, render bundles and notices, "
        "publish and verify a release.",
    )


def catalog_job() -> UnresolvedAssetJobDefinition:
    """One language's catalogs and their check (pick the partition when launching)."""
    return define_asset_job(
        CATALOG_JOB,
        selection=AssetSelection.assets(CATALOGS),
        description="Update, compile and check one language's catalogs.",
    )
