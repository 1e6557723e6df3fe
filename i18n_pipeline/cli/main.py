"""Entry point of the ``i18n`` command.

Each command group lives in its own module and registers itself here; the
library raises, this front renders and chooses the exit code:
0 success, 1 the work found problems (check errors, gate failure, changes
under ``--check``), 2 bad usage or configuration.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="i18n",
    help="Localization and compliance pipeline: extract, update, check, build, release, serve.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Command groups register themselves below, one import and one call each.

from i18n_pipeline.cli import extract_cmds  # noqa: E402

extract_cmds.register(app)

from i18n_pipeline.cli import check_cmds  # noqa: E402

check_cmds.register(app)

from i18n_pipeline.cli import rules_cmds  # noqa: E402

rules_cmds.register(app)

from i18n_pipeline.cli import release_cmds  # noqa: E402

release_cmds.register(app)

from i18n_pipeline.cli import catalog_cmds  # noqa: E402

catalog_cmds.register(app)

from i18n_pipeline.cli import notices_cmds  # noqa: E402

notices_cmds.register(app)

from i18n_pipeline.cli import serve_cmds  # noqa: E402

serve_cmds.register(app)
