"""Fixtures for bundle tests: the real test catalogs in tests/data/bundles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from i18n_pipeline.pofile import read_catalog
from tests.conftest import DATA
from tests.support import msgfmt_check

BUNDLE_DATA = DATA / "bundles"


def catalog_file(locale: str) -> Path:
    """The test catalog of ``locale`` (a babel identifier)."""
    return BUNDLE_DATA / f"{locale}.po"


@pytest.fixture
def load_catalog() -> Callable[[str], Catalog]:
    """Read a test catalog after GNU msgfmt has accepted it."""

    def load(locale: str) -> Catalog:
        path = catalog_file(locale)
        msgfmt_check(path)
        return read_catalog(path)

    return load
