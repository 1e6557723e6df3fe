"""``i18n notices render`` and ``i18n notices status`` against a copy of the sample project."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from i18n_pipeline.cli.main import app
from i18n_pipeline.layout import catalog_path
from tests.compliance.notice_support import edit_message, parse_html

runner = CliRunner()


def test_render_writes_the_requested_format_to_a_file(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "gdpr-fr.html"

    result = runner.invoke(
        app,
        ["notices", "render", "eu-gdpr", "fr", "--format", "html", "-o", str(out),
         "--root", str(project)],
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    html_text = out.read_text("utf-8")
    assert '<html lang="fr" dir="ltr">' in html_text
    assert "dans un délai de 72 heures" in html_text
    assert parse_html(html_text).errors == []


def test_render_prints_json_for_a_bcp47_tag(project: Path) -> None:
    result = runner.invoke(
        app, ["notices", "render", "cn-pipl", "zh-Hans", "-f", "json", "--root", str(project)]
    )

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["lang"] == "zh-Hans" and data["title"] == "隐私声明"


def test_render_refuses_an_incomplete_notice_unless_asked(project: Path) -> None:
    edit_message(catalog_path(project / "locales", "ko", "notices"), "Data breaches", clear=True)
    refused = runner.invoke(app, ["notices", "render", "kr-pipa", "ko", "--root", str(project)])
    forced = runner.invoke(
        app, ["notices", "render", "kr-pipa", "ko", "--allow-incomplete", "--root", str(project)]
    )

    assert refused.exit_code == 1
    assert "not complete in 'ko'" in refused.stderr and "--allow-incomplete" in refused.stderr
    assert forced.exit_code == 0
    assert forced.stdout.startswith("# 개인정보 처리방침\n")
    assert "## Data breaches" in forced.stdout  # the emptied heading, in English


def test_render_korean_notice_for_korea_is_complete(project: Path) -> None:
    result = runner.invoke(app, ["notices", "render", "kr-pipa", "ko", "--root", str(project)])

    assert result.exit_code == 0, result.output
    assert "## 개인정보 유출" in result.stdout and "Data breaches" not in result.stdout


def test_render_unknown_rule_or_format_is_a_usage_error(project: Path) -> None:
    unknown = runner.invoke(app, ["notices", "render", "xx-none", "de", "--root", str(project)])
    bad_format = runner.invoke(
        app, ["notices", "render", "eu-gdpr", "de", "-f", "pdf", "--root", str(project)]
    )

    assert unknown.exit_code == 2 and "no rule with id 'xx-none'" in unknown.stderr
    assert bad_format.exit_code == 2 and "unknown format 'pdf'" in bad_format.stderr


def test_status_lists_withheld_korean_and_exits_zero(project: Path) -> None:
    result = runner.invoke(
        app, ["notices", "status", "--region", "apac", "--root", str(project)],
        env={"COLUMNS": "200"},
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "│ ko " in line]
    assert rows and any("│ no " in row for row in rows)
    assert "required but incomplete" in result.stdout


def test_status_exits_one_when_a_required_notice_is_incomplete(project: Path) -> None:
    edit_message(catalog_path(project / "locales", "fr", "notices"), "Who we are", clear=True)

    result = runner.invoke(
        app, ["notices", "status", "--region", "emea", "--root", str(project)],
        env={"COLUMNS": "200"},
    )  # fmt: skip

    assert result.exit_code == 1
    assert "1 required but incomplete" in result.stdout


def test_status_unknown_region_is_a_usage_error(project: Path) -> None:
    result = runner.invoke(app, ["notices", "status", "-r", "mars", "--root", str(project)])
    assert result.exit_code == 2 and "unknown region 'mars'" in result.stderr


def test_render_malformed_locale_is_a_usage_error(project: Path) -> None:
    result = runner.invoke(app, ["notices", "render", "eu-gdpr", "en--US", "--root", str(project)])
    assert result.exit_code == 2 and "malformed locale tag 'en--US'" in result.stderr
