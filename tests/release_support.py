"""Shared pieces of the release tests: a project built from tests/data/release."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from i18n_pipeline.config import Settings
from i18n_pipeline.layout import catalog_path

DATA = Path(__file__).resolve().parent / "data" / "release"


def make_project(root: Path) -> Settings:
    """A private copy of the release test locales, with var/ inside it."""
    shutil.copytree(DATA / "locales", root / "locales")
    return Settings(root=root, source_commit="0123456789abcdef0123")


def edit_matrix(settings: Settings, **changes: object) -> Settings:
    """Rewrite the project's matrix.yaml with top-level ``changes``; fresh settings."""
    path = settings.locales_path / "matrix.yaml"
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return Settings(root=settings.root, source_commit=settings.source_commit)


def set_target(settings: Settings, locale: str, target: float) -> Settings:
    path = settings.locales_path / "matrix.yaml"
    data = yaml.safe_load(path.read_text())
    for language in data["languages"]:
        if language["locale"] == locale:
            language["target"] = target
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return Settings(root=settings.root, source_commit=settings.source_commit)


def replace_in_catalog(settings: Settings, locale: str, old: str, new: str) -> Path:
    """Edit one catalog's text in place (a translator's change)."""
    path = catalog_path(settings.locales_path, locale, "messages")
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path (manifest.json left out)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }
