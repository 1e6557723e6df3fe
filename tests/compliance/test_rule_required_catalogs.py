"""Catalogs a rule requires outside the matrix (Malay for my-pdpa) are checked by
`i18n check` and render with `i18n notices render`, like the release uses them."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from i18n_pipeline.checks import check_locales
from i18n_pipeline.cli.main import app
from i18n_pipeline.compliance.notices_gate import rule_notice_catalogs
from i18n_pipeline.config import Settings
from i18n_pipeline.layout import catalog_path

runner = CliRunner()


def _break_placeholder(settings: Settings) -> Path:
    path = catalog_path(settings.locales_path, "ms", "notices")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(
        i for i, line in enumerate(lines) if line.startswith("msgstr") and "{address}" in line
    )
    lines[number] = lines[number].replace("{address}", "{adres}")  # a translation, not a msgid
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_rule_required_catalogs_are_those_outside_the_matrix(settings: Settings) -> None:
    assert "ms" not in {lang.locale for lang in settings.matrix.languages}

    assert rule_notice_catalogs(settings) == ["ms"]


def test_check_covers_a_rule_required_catalog(settings: Settings) -> None:
    clean = check_locales(settings)
    path = _break_placeholder(settings)

    broken = check_locales(settings)

    assert path in clean.catalogs and not [f for f in clean.errors if f.path == path]
    assert [(f.path, f.check) for f in broken.errors] == [(path, "placeholders")]


def test_check_with_only_messages_leaves_notices_out(settings: Settings) -> None:
    report = check_locales(settings, domains=["messages"])

    assert catalog_path(settings.locales_path, "ms", "notices") not in report.catalogs


def test_check_cli_fails_on_a_rule_required_catalog(settings: Settings) -> None:
    path = _break_placeholder(settings)

    result = runner.invoke(app, ["check", "--root", str(settings.root)])

    assert result.exit_code == 1, result.output
    assert "ms/LC_MESSAGES/notices.po" in result.output.replace("\n", "")
    assert str(path.name) in result.output


def test_render_a_rule_required_locale_outside_the_matrix(settings: Settings) -> None:
    result = runner.invoke(
        app, ["notices", "render", "my-pdpa", "ms", "--root", str(settings.root)]
    )

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ") and "Pelanggaran data peribadi" in result.stdout
