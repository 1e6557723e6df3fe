"""Partitions: one per translated matrix language, read from ``locales/matrix.yaml``."""

from __future__ import annotations

from dagster import StaticPartitionsDefinition

from i18n_pipeline.config import Matrix


def locale_partitions(matrix: Matrix) -> StaticPartitionsDefinition:
    """A partition per translated locale (catalog id), in matrix order.

    The source language has no catalog of its own (its template is its text),
    so it is not a partition; adding a language to the matrix adds one.
    """
    return StaticPartitionsDefinition(list(matrix.translated_locales))


#: Run tags Dagster reads as a partition range (its single-run backfill tags).
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def full_range_tags(partitions: StaticPartitionsDefinition) -> dict[str, str]:
    """Run tags that make one run cover every locale (a single-run backfill)."""
    keys = partitions.get_partition_keys()
    return {RANGE_START_TAG: keys[0], RANGE_END_TAG: keys[-1]}
