"""The committed sample project is in canonical form: templates, catalogs and checks agree.

A contributor who edits a source string or a template and forgets
`i18n extract` / `i18n update` (or commits a catalog in another tool's
wrapping) fails here rather than in the next person's diff.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from i18n_pipeline.cli.main import app

runner = CliRunner()


def invoke(project: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--root", str(project)])
    return result.exit_code, result.output


def test_templates_are_up_to_date_with_the_sources(project: Path) -> None:
    code, output = invoke(project, "extract", "--check")
    assert code == 0, f"run `i18n extract` and commit locales/*.pot:\n{output}"


def test_catalogs_are_in_update_canonical_form(project: Path) -> None:
    code, output = invoke(project, "update", "--check")
    assert code == 0, f"run `i18n update` and commit locales/*/LC_MESSAGES/*.po:\n{output}"


def test_update_check_notices_a_template_the_catalogs_lag_behind(project: Path) -> None:
    """The guard above can fail: a message added to the template makes every catalog stale."""
    template = project / "locales" / "messages.pot"
    template.write_text(
        template.read_text(encoding="utf-8") + '\nmsgid "A message nobody translated yet"\n'
        'msgstr ""\n',
        encoding="utf-8",
    )
    code, output = invoke(project, "update", "--check", "--domain", "messages")
    assert code == 1
    assert "would change" in output


def test_sample_catalogs_pass_every_error_check(project: Path) -> None:
    code, output = invoke(project, "check", "--format", "json")
    summary = json.loads(output)["summary"]
    assert summary["catalogs"] > 0
    assert summary["errors"] == 0, output
    assert code == 0
