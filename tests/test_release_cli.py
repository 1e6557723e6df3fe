"""``i18n release ...`` end to end through the typer app: output and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n_pipeline.cli import common
from i18n_pipeline.cli.main import app
from i18n_pipeline.config import Settings
from i18n_pipeline.store import LocalStore
from tests.release_support import make_project, replace_in_catalog


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    for console in (common.console, common.err_console):
        monkeypatch.setattr(console, "width", 200)
    return make_project(tmp_path / "project").root


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["release", *args, "--root", str(root)])
    return result.exit_code, " ".join(result.output.split())


def releases(root: Path) -> list[str]:
    return LocalStore(root / "var" / "releases").list_releases()


def test_build_list_show_and_verify(root: Path) -> None:
    code, out = run(root, "build")
    assert code == 0, out
    assert "activated" in out and "warning: emea/fr: warn" in out
    (release,) = releases(root)

    code, out = run(root, "list")
    assert code == 0 and release in out and "*" in out

    code, out = run(root, "show", release)
    assert code == 0 and "zh-Hans" in out and "excluded" in out and "P2 gate is exclude" in out

    code, out = run(root, "verify")
    assert code == 0 and "all 36 files match" in out


def test_verify_exits_1_naming_the_altered_file(root: Path) -> None:
    assert run(root, "build")[0] == 0
    (release,) = releases(root)
    store = LocalStore(root / "var" / "releases")
    path = store.read_manifest(release).files()[0].path
    target = store.releases / release / path
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b" ")

    code, out = run(root, "verify", release)

    assert code == 1
    assert f"altered: {path}" in out and "1 altered of 36 files" in out


def test_diff_activate_and_prune(root: Path) -> None:
    assert run(root, "build")[0] == 0
    replace_in_catalog(Settings(root=root), "ja", 'msgstr "保存"', 'msgstr "セーブ"')
    assert run(root, "build")[0] == 0
    first, second = releases(root)

    code, out = run(root, "diff", first, second, "--keys")
    assert code == 0 and "apac/ja messages ~ 'Save'" in out

    code, out = run(root, "activate", first, "--reason", "rollback drill", "--actor", "ops")
    assert code == 0 and f"current release is now {first} (was {second})" in out

    code, out = run(root, "prune", "--keep", "1")
    assert code == 0 and "0 release(s) deleted, 2 kept" in out
    assert releases(root) == [first, second]  # newest kept, current kept
    assert run(root, "activate", second)[0] == 0
    code, out = run(root, "prune", "--keep", "1")
    assert code == 0 and f"deleted {first}" in out
    assert releases(root) == [second]


def test_build_stopped_by_gate_exits_1_with_reason(root: Path) -> None:
    replace_in_catalog(Settings(root=root), "zh_Hans", 'msgstr "保存"', 'msgstr ""')

    code, out = run(root, "build")

    assert code == 1
    assert "release blocked" in out and "zh-Hans in apac" in out
    assert releases(root) == []


def test_unknown_release_is_a_usage_error(root: Path) -> None:
    assert run(root, "build")[0] == 0
    for args in (
        ("show", "20991231T000000Z-0000000000"),
        ("activate", "20991231T000000Z-0000000000"),
    ):
        code, out = run(root, *args)
        assert code == 2 and "no release" in out
    assert run(root, "prune", "--keep", "0")[0] == 2


def test_list_and_show_fit_80_columns_without_cutting_ids(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("I18N_SOURCE_COMMIT", "0123456789abcdef0123456789abcdef01234567-dirty")
    assert run(root, "build")[0] == 0
    (release,) = releases(root)
    for console in (common.console, common.err_console):
        monkeypatch.setattr(console, "width", 80)

    listed = CliRunner().invoke(app, ["release", "list", "--root", str(root)]).output
    shown = CliRunner().invoke(app, ["release", "show", "--root", str(root)]).output

    table = shown.split("fallback: the chain")[0]
    assert "…" not in listed and "…" not in table
    assert max(len(line) for line in (listed + table).splitlines()) <= 80
    assert f"* {release} " in " ".join(listed.split()) and " 01234567-dirty " in listed
    rows = [line.split() for line in table.splitlines()]
    assert ["zh-Hans", "P0"] in [row[:2] for row in rows]
    for region in ("americas", "emea", "apac"):
        assert [region, "en", "P0"] in [row[:3] for row in rows]


def test_activate_refuses_a_damaged_release_unless_forced(root: Path) -> None:
    assert run(root, "build")[0] == 0
    replace_in_catalog(Settings(root=root), "ja", 'msgstr "保存"', 'msgstr "セーブ"')
    assert run(root, "build")[0] == 0
    first, second = releases(root)
    store = LocalStore(root / "var" / "releases")
    path = store.read_manifest(first).files()[0].path
    (store.releases / first / path).unlink()

    code, out = run(root, "activate", first, "--reason", "rollback")
    assert code == 1
    assert f"release '{first}' fails verification, 'current' not moved" in out
    assert f"1 missing ('{path}')" in out
    assert store.current().release_id == second  # type: ignore[union-attr]

    code, out = run(root, "activate", first, "--reason", "rollback", "--force")
    assert code == 0 and f"current release is now {first}" in out
    assert "'rollback (forced past failed verification: 1 missing, 0 altered)'" in out
    assert store.current().release_id == first  # type: ignore[union-attr]


def test_list_survives_a_corrupt_manifest_and_says_why(root: Path) -> None:
    assert run(root, "build")[0] == 0
    replace_in_catalog(Settings(root=root), "ja", 'msgstr "保存"', 'msgstr "セーブ"')
    assert run(root, "build")[0] == 0
    first, second = releases(root)
    manifest = root / "var" / "releases" / "releases" / first / "manifest.json"
    manifest.unlink()
    manifest.write_text("{")

    code, out = run(root, "list")

    assert code == 1
    assert f"{first} unreadable" in out and f"* {second} " in out
    assert f"{first}: manifest unreadable: invalid JSON: EOF while parsing an object" in out
    assert "pydantic" not in out and "validation error" not in out
    code, out = run(root, "show", first)
    assert code == 1 and "the manifest is invalid: invalid JSON" in out and "pydantic" not in out
