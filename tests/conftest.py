"""Fixtures shared by the whole suite: a private copy of the project, GNU tools."""

from __future__ import annotations

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
