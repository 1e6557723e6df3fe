"""What keeps published releases trustworthy: activation re-hashes its target,
files stay read-only through reuse and prune, a blocked build leaves nothing
behind, one corrupt manifest hides no other release, and ``source_commit``
tells a dirty work tree from a clean one."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from i18n_pipeline import db
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import GateError, ReleaseError, StoreError
from i18n_pipeline.release import (
    activate_release,
    build,
    list_published,
    prune_releases,
    verify_release,
)
from i18n_pipeline.store import LocalStore
from tests.release_support import make_project, replace_in_catalog


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_SOURCE_COMMIT", raising=False)
    return make_project(tmp_path / "project")


@pytest.fixture
def store(settings: Settings) -> LocalStore:
    return LocalStore(settings.release_path)


@pytest.fixture
def two(settings: Settings, store: LocalStore) -> tuple[str, str]:
    """Two releases, the second one current; they share every unchanged file."""
    first = build(settings, store).manifest.release_id
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')
    second = build(settings, store).manifest.release_id
    return first, second


def damage(store: LocalStore, release: str) -> tuple[str, str]:
    """Delete one file of ``release`` and alter another; their paths."""
    files = [f.path for f in store.read_manifest(release).files()]
    missing, altered = files[0], files[-1]
    (store.releases / release / missing).unlink()
    target = store.releases / release / altered
    target.unlink()  # read-only, and maybe a hardlink shared with the other release
    target.write_bytes(b"not what the manifest says")
    return missing, altered


def test_activation_refuses_a_damaged_release_naming_its_bad_files(
    settings: Settings, store: LocalStore, two: tuple[str, str]
) -> None:
    first, second = two
    missing, altered = damage(store, first)
    before = len(db.activations(settings))

    with pytest.raises(ReleaseError) as info:
        activate_release(settings, store, first, actor="oncall", reason="rollback")

    message = str(info.value)
    assert "fails verification, 'current' not moved" in message
    assert f"1 missing ('{missing}')" in message and f"1 altered ('{altered}')" in message
    assert store.current().release_id == second  # type: ignore[union-attr]
    assert len(db.activations(settings)) == before


def test_forced_activation_moves_and_records_why(
    settings: Settings,
    store: LocalStore,
    two: tuple[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    first, _second = two
    damage(store, first)

    activate_release(settings, store, first, actor="oncall", reason="rollback", force=True)

    assert store.current().release_id == first  # type: ignore[union-attr]
    last = db.activations(settings)[-1]
    assert last.release_id == first
    assert last.reason == "rollback (forced past failed verification: 1 missing, 1 altered)"
    assert "despite failed verification" in caplog.text


def test_activation_of_an_intact_release_still_works(
    settings: Settings, store: LocalStore, two: tuple[str, str]
) -> None:
    first, second = two

    activate_release(settings, store, first, actor="oncall", reason="rollback")

    assert store.current().release_id == first  # type: ignore[union-attr]
    assert db.activations(settings)[-1].previous_release_id == second


def test_build_does_not_activate_when_a_reused_file_is_damaged(
    settings: Settings, store: LocalStore
) -> None:
    first = build(settings, store).manifest.release_id
    damage(store, first)
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')

    with pytest.raises(ReleaseError, match="fails verification"):
        build(settings, store)

    assert store.current().release_id == first  # type: ignore[union-attr]


def _modes(root: Path) -> set[int]:
    return {stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*") if p.is_file()}


def test_published_files_are_read_only_through_reuse_and_prune(
    settings: Settings, store: LocalStore, two: tuple[str, str]
) -> None:
    first, second = two
    shared = [
        f.path
        for f in store.read_manifest(second).files()
        if (store.releases / first / f.path).exists()
    ]
    assert shared, "the second build reused nothing"
    same = store.releases / first / shared[0], store.releases / second / shared[0]
    assert same[0].stat().st_ino == same[1].stat().st_ino  # a hardlink, not a copy

    assert _modes(store.releases / first) == {0o444}
    assert _modes(store.releases / second) == {0o444}
    assert stat.S_IMODE(store.pointer.stat().st_mode) == 0o444

    assert prune_releases(settings, store, keep=1) == [first]
    assert _modes(store.releases / second) == {0o444}
    assert verify_release(store, second).ok


def test_publishing_seals_a_reused_file_that_was_made_writable(
    settings: Settings, store: LocalStore
) -> None:
    first = build(settings, store).manifest.release_id
    reused = store.releases / first / store.read_manifest(first).files()[0].path
    reused.chmod(0o644)  # an operator's slip
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')

    second = build(settings, store)

    assert second.reused > 0
    assert _modes(store.releases / second.manifest.release_id) == {0o444}
    assert stat.S_IMODE(reused.stat().st_mode) == 0o444  # the same inode


def test_no_staging_directory_is_left_after_builds_blocked_or_not(
    settings: Settings, store: LocalStore
) -> None:
    build(settings, store)
    assert not store.staging.exists()

    replace_in_catalog(settings, "zh_Hans", 'msgstr "保存"', 'msgstr ""')
    with pytest.raises(GateError):
        build(settings, store)

    assert not store.staging.exists()
    assert sorted(p.name for p in store.root.iterdir()) == ["current", "releases"]


def test_a_corrupt_manifest_hides_no_other_release(
    settings: Settings, store: LocalStore, two: tuple[str, str]
) -> None:
    first, second = two
    manifest = store.releases / first / "manifest.json"
    manifest.unlink()
    manifest.write_text("{")

    listed = list_published(store)

    assert [r.release_id for r in listed] == [first, second]
    assert listed[0].manifest is None
    assert listed[0].problem == "invalid JSON: EOF while parsing an object at line 1 column 1"
    assert listed[1].manifest is not None and listed[1].problem is None
    with pytest.raises(StoreError) as info:
        store.read_manifest(first)
    assert str(info.value) == f"{manifest}: the manifest is invalid: {listed[0].problem}"


def test_a_corrupt_newest_manifest_does_not_stop_the_next_build(
    settings: Settings, store: LocalStore, two: tuple[str, str]
) -> None:
    _first, second = two
    activate_release(settings, store, _first)
    manifest = store.releases / second / "manifest.json"
    manifest.unlink()
    manifest.write_text('{"release_id": 3}')
    replace_in_catalog(settings, "de", 'msgstr "Ausloggen"', 'msgstr "Abmelden"')

    third = build(settings, store)

    assert third.activated and third.reused > 0  # reused from the current release
    assert verify_release(store).ok


def _git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(settings: Settings) -> Settings:
    """The project as a git work tree with everything committed; no commit override."""
    root = settings.root
    (root / ".gitignore").write_text("var/\n")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "catalogs")
    return Settings(root=root)


def test_source_commit_is_head_for_a_clean_tree(repo: Settings) -> None:
    head = _git(repo.root, "rev-parse", "HEAD").strip()
    (repo.root / "NOTES.txt").write_text("not an input of the release\n")

    manifest = build(repo, LocalStore(repo.release_path)).manifest

    assert manifest.source_commit == head


def test_source_commit_is_marked_dirty_by_uncommitted_catalogs(repo: Settings) -> None:
    head = _git(repo.root, "rev-parse", "HEAD").strip()
    store = LocalStore(repo.release_path)
    replace_in_catalog(repo, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')

    edited = build(repo, store).manifest
    _git(repo.root, "commit", "-q", "-am", "de: Ausloggen")
    new_file = repo.locales_path / "de" / "LC_MESSAGES" / "extra.po"
    new_file.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    untracked = build(repo, store).manifest

    assert edited.source_commit == f"{head}-dirty"
    later = _git(repo.root, "rev-parse", "HEAD").strip()
    assert untracked.source_commit == f"{later}-dirty"
