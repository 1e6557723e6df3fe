"""Fixtures shared by the whole suite: a private copy of the project, GNU tools."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from i18n_pipeline.config import Settings

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the project's inputs (locales, rules, sample product)."""
    root = tmp_path / "project"
    for name in ("locales", "compliance_rules", "examples"):
        source = REPO / name
        if source.exists():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("*.mo"))
    return root


@pytest.fixture
def settings(project: Path) -> Settings:
    """Settings pointing every path at the private project copy."""
    return Settings(root=project)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Collect garbage once, then freeze the heap, before an xdist worker reports it finished.

    Once a worker sends ``workerfinished`` (after this hook), execnet gives it 5 s to
    end and then interrupts it with SIGINT. pytest's unconfigure runs a full
    ``gc.collect()`` over the ~550,000 objects the suite leaves alive (Dagster, botocore
    models, the session's releases): 1 to 3 s on the loaded 2-core machine, and the
    KeyboardInterrupt then lands in hypothesis' gc callback
    (PytestUnraisableExceptionWarning). Collecting here, while pytest still reports
    unraisable exceptions, and freezing the survivors makes the later passes cheap.
    """
    gc.collect()
    gc.freeze()
