"""Faults stop a build with a message naming the cause, and leave the previous
release current, listed alone and intact: check errors, a P0 gate, a store
that fails mid-write, a build killed with SIGKILL, tampered files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from i18n_pipeline import db
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CheckFailed, GateError, StoreError
from i18n_pipeline.release import activate_release, build, verify_release
from i18n_pipeline.store import LocalStore
from tests.release_support import make_project, replace_in_catalog


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    return make_project(tmp_path / "project")


@pytest.fixture
def store(settings: Settings) -> LocalStore:
    return LocalStore(settings.release_path)


@pytest.fixture
def previous(settings: Settings, store: LocalStore) -> str:
    """A good release, current before the faulty build."""
    return build(settings, store).manifest.release_id


def assert_untouched(store: LocalStore, previous: str) -> None:
    """The previous release is the only one, current, and every file still verifies."""
    assert store.list_releases() == [previous]
    assert store.current().release_id == previous  # type: ignore[union-attr]
    assert verify_release(store).ok
    staged = list(store.staging.glob("*/*")) if store.staging.exists() else []
    assert not [p for p in staged if not p.parent.name.startswith("deleted-")]


def test_check_errors_stop_the_build_naming_the_catalog(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    path = replace_in_catalog(settings, "de", 'msgstr "Hallo, {name}!"', 'msgstr "Hallo, {nom}!"')

    with pytest.raises(CheckFailed) as info:
        build(settings, store)

    assert str(path) in str(info.value) and "1 check error(s) in 1 catalog(s)" in str(info.value)
    assert_untouched(store, previous)


def test_unreadable_catalog_stops_the_build_with_its_line(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    path = replace_in_catalog(settings, "ja", 'msgid "Cancel"', 'msgid "Cancel')

    with pytest.raises(CheckFailed, match=rf"{path}:\d+"):
        build(settings, store)
    assert_untouched(store, previous)


def test_p0_gate_failure_keeps_previous_release_current(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    replace_in_catalog(settings, "zh_Hans", 'msgstr "保存"', 'msgstr ""')

    with pytest.raises(GateError, match=r"zh-Hans in apac: 90\.0% .*target 95%"):
        build(settings, store)
    assert_untouched(store, previous)


def test_unwritable_store_stops_the_build_with_store_error(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')
    if store.staging.exists():
        store.staging.rmdir()
    store.staging.write_text("a file where the staging directory belongs")

    with pytest.raises(StoreError, match=r"\.staging.*cannot write release file") as info:
        build(settings, store)

    assert info.value.__cause__ is not None
    store.staging.unlink()
    assert_untouched(store, previous)


def test_failure_at_upload_discards_what_was_staged(
    settings: Settings, store: LocalStore, previous: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')
    real_put = LocalStore.put_file
    calls: list[str] = []

    def put_then_fail(self: LocalStore, release_id: str, path: str, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise StoreError(f"{path}: cannot write release file: No space left on device")
        real_put(self, release_id, path, data)

    monkeypatch.setattr(LocalStore, "put_file", put_then_fail)
    with pytest.raises(StoreError, match="No space left"):
        build(settings, store)

    assert len(calls) == 2
    assert_untouched(store, previous)


_SLOW_BUILD = textwrap.dedent(
    """
    import sys, time
    from i18n_pipeline.store.local import LocalStore
    real_put = LocalStore.put_file
    def slow_put(self, release_id, path, data):
        real_put(self, release_id, path, data)
        time.sleep(0.3)
    LocalStore.put_file = slow_put
    from i18n_pipeline.cli.main import app
    sys.argv = ["i18n", "release", "build", "--root", sys.argv[1]]
    app()
    """
)


def test_build_killed_midway_leaves_previous_release_current_and_intact(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    # A changed template makes every bundle new, so the build writes for a while.
    for path in settings.locales_path.rglob("*.po"):
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "I18N_DATABASE_URL")}
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, str(settings.root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(store.staging.glob("*/*/*/*")) and time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read().decode()  # type: ignore[union-attr]
            time.sleep(0.05)
        assert list(store.staging.glob("*/*/*/*")), "the build never started writing"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    assert store.list_releases() == [previous]
    assert store.current().release_id == previous  # type: ignore[union-attr]
    assert verify_release(store).ok
    # The next build goes through, whatever the killed one left in staging.
    again = build(settings, store)
    assert store.list_releases() == [previous, again.manifest.release_id]


def test_verify_names_tampered_and_missing_files(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    manifest = store.read_manifest(previous)
    tampered, missing = manifest.files()[0].path, manifest.files()[1].path
    release_dir = store.releases / previous
    (release_dir / tampered).chmod(0o644)
    (release_dir / tampered).write_bytes(b"evil")
    (release_dir / missing).unlink()

    report = verify_release(store, previous)

    assert not report.ok
    assert report.tampered == [tampered] and report.missing == [missing]
    assert report.checked == len(manifest.files())


def test_activate_rolls_back_and_forward_and_records_it(
    settings: Settings, store: LocalStore, previous: str
) -> None:
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')
    newer = build(settings, store).manifest.release_id

    activate_release(settings, store, previous, actor="oncall", reason="error rate 2 %")
    assert store.current().release_id == previous  # type: ignore[union-attr]
    activate_release(settings, store, newer, actor="oncall", reason="fixed")
    assert store.current().release_id == newer  # type: ignore[union-attr]

    moves = [(a.release_id, a.previous_release_id, a.reason) for a in db.activations(settings)]
    assert moves[-2:] == [(previous, newer, "error rate 2 %"), (newer, previous, "fixed")]
    with pytest.raises(StoreError, match="not found"):
        activate_release(settings, store, "20991231T000000Z-0000000000")
    assert store.current().release_id == newer  # type: ignore[union-attr]
