"""A rule set with any ERROR finding of `i18n rules check` never reaches a release:
the build refuses it with the checker's file, line and field, and "current" stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from i18n_pipeline.compliance.checks import Severity, check_rules
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import RuleError
from i18n_pipeline.release import build, verify_release
from i18n_pipeline.store import LocalStore
from tests.release_support import make_project

REPO_RULES = Path(__file__).resolve().parent.parent / "compliance_rules"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    settings = make_project(tmp_path / "project")
    shutil.copytree(REPO_RULES / "notices", settings.rules_path / "notices")
    for name in ("jurisdictions.yaml", "us_federal.yaml", "gdpr.yaml", "de-bdsg.yaml"):
        shutil.copy(REPO_RULES / name, settings.rules_path / name)
    return settings


@pytest.fixture
def store(settings: Settings) -> LocalStore:
    return LocalStore(settings.release_path)


def edit_rule(settings: Settings, name: str, old: str, new: str) -> Path:
    path = settings.rules_path / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def first_error(settings: Settings) -> tuple[str, int | None, str | None, str]:
    errors = [f for f in check_rules(settings.rules_path) if f.severity is Severity.ERROR]
    assert errors, "the edit should make `i18n rules check` report an error"
    return errors[0].path, errors[0].line, errors[0].field, errors[0].message


def assert_refused(settings: Settings, store: LocalStore, previous: str, code: str) -> None:
    path, line, field, message = first_error(settings)

    with pytest.raises(RuleError) as info:
        build(settings, store)

    error = info.value
    assert (str(error.path), error.line, error.field) == (path, line, field)
    assert error.message == f"{code}: {message}"
    assert str(error).startswith(f"{path}:{line}: ")
    assert store.list_releases() == [previous]
    assert store.current().release_id == previous  # type: ignore[union-attr]
    assert verify_release(store).ok


def test_valid_rule_set_builds_and_ships_its_rules(settings: Settings, store: LocalStore) -> None:
    manifest = build(settings, store).manifest

    assert manifest.rules is not None
    assert b'"us-federal"' in store.get_bytes(manifest.release_id, manifest.rules.path)


def test_unknown_jurisdiction_stops_the_build_with_checker_location(
    settings: Settings, store: LocalStore
) -> None:
    previous = build(settings, store).manifest.release_id
    edit_rule(settings, "us_federal.yaml", "jurisdictions: [US]", "jurisdictions: [ZZ]")

    assert_refused(settings, store, previous, "unknown-jurisdiction")


def test_dangling_supplements_stops_the_build(settings: Settings, store: LocalStore) -> None:
    previous = build(settings, store).manifest.release_id
    edit_rule(settings, "de-bdsg.yaml", "supplements: [eu-gdpr]", "supplements: [eu-gdpr-typo]")

    assert_refused(settings, store, previous, "dangling-supplements")


def test_a_broken_file_is_named_before_the_rules_that_supplement_it(
    settings: Settings, store: LocalStore
) -> None:
    previous = build(settings, store).manifest.release_id
    path = edit_rule(settings, "gdpr.yaml", "citation: ", "citations: ")  # unknown field

    with pytest.raises(RuleError) as info:
        build(settings, store)

    assert info.value.path == path  # not de-bdsg.yaml, whose supplements now dangle
    assert store.list_releases() == [previous]
    assert store.current().release_id == previous  # type: ignore[union-attr]
