"""Turning library errors into Dagster failures the UI shows whole."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from dagster import Failure, MetadataValue

from i18n_pipeline.errors import PipelineError


@contextmanager
def failure_on_pipeline_error(step: str) -> Iterator[None]:
    """Re-raise a :class:`PipelineError` as ``Failure`` carrying the library's message."""
    try:
        yield
    except PipelineError as exc:
        raise Failure(
            description=f"{step} failed: {exc}",
            metadata={"error": MetadataValue.text(str(exc)), "kind": type(exc).__name__},
            allow_retries=False,
        ) from exc
