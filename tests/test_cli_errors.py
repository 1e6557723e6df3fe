"""How the CLI renders library errors."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from i18n_pipeline.cli.common import run_reported
from i18n_pipeline.errors import RuleError


def test_an_error_quoting_brackets_prints_them_as_written() -> None:
    app = typer.Typer()

    @app.command()
    def fail() -> None:
        def work() -> None:
            raise RuleError(
                "rules/x.yaml",
                3,
                "notice_languages [en, fr] lists an unknown [ms]",
                "jurisdictions",
            )

        run_reported(work)

    result = CliRunner().invoke(app, [])

    assert result.exit_code == 1
    assert "rules/x.yaml:3: notice_languages [en, fr] lists an unknown [ms]" in result.output
