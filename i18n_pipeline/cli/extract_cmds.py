"""``i18n extract``: source code to POT templates, one per configured domain."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from i18n_pipeline.cli.common import RootOption, console, run_reported, settings_for, setup_logging

if TYPE_CHECKING:
    from i18n_pipeline.config import Settings
    from i18n_pipeline.extract import TemplateResult

DomainOption = Annotated[
    list[str] | None,
    typer.Option(
        "--domain",
        "-d",
        metavar="DOMAIN",
        help="Extract only this domain (repeat for several). Default: every domain in "
        "locales/extraction.yaml.",
        show_default=False,
    ),
]
CheckOption = Annotated[
    bool,
    typer.Option(
        "--check",
        help="Write nothing; exit 1 if any POT is missing or out of date (for CI).",
    ),
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show debug logging.")]


def _render(results: list[TemplateResult], settings: Settings, *, check: bool) -> None:
    table = Table(title="Extracted templates" if not check else "Template check")
    for column in ("domain", "template", "messages", "plurals", "contexts", "status"):
        table.add_column(
            column, justify="right" if column in {"messages", "plurals", "contexts"} else "left"
        )
    for result in results:
        if not result.changed:
            status = "[green]up to date[/]"
        else:
            status = "[red]out of date[/]" if check else "[yellow]written[/]"
        table.add_row(
            result.domain,
            _shown(result.path, settings),
            str(result.messages),
            str(result.plurals),
            str(result.contexts),
            status,
        )
    console.print(table)


def _shown(path: Path, settings: Settings) -> str:
    try:
        return path.relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the ``i18n`` command."""

    @app.command("extract")
    def extract(
        domain: DomainOption = None,
        check: CheckOption = False,
        root: RootOption = None,
        verbose: VerboseOption = False,
    ) -> None:
        """Extract translatable strings from the sources into locales/<domain>.pot.

        Which directory feeds which domain, and which files are read as Python,
        JavaScript or Jinja2, is set in locales/extraction.yaml. A POT is
        rewritten only when its messages (ids, contexts, plurals, comments,
        locations, flags) changed, so an unchanged run leaves every file
        byte-identical.

        Exit codes: 0 done (or, with --check, everything up to date); 1 a POT is
        out of date under --check, or a source file cannot be parsed (the error
        names file and line); 2 the configuration is invalid.
        """
        setup_logging(verbose)
        settings = settings_for(root)

        def run() -> int:
            from i18n_pipeline.extract import extract_templates

            results = extract_templates(settings, domain, check=check)
            _render(results, settings, check=check)
            stale = [result.domain for result in results if result.changed]
            if check and stale:
                console.print(
                    f"[red]{len(stale)} template(s) out of date:[/] {', '.join(stale)}. "
                    "Run [bold]i18n extract[/] and commit the result."
                )
                return 1
            return 0

        run_reported(run)
