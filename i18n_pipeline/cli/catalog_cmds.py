"""``i18n update``, ``i18n init`` and ``i18n compile``: the translator-facing catalog commands."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from i18n_pipeline.cli.common import RootOption, console, err_console, run_reported, settings_for

if TYPE_CHECKING:
    from i18n_pipeline.catalogs import InvalidCatalogs, UpdateResult
    from i18n_pipeline.layout import CatalogRef

# i18n_pipeline.catalogs (babel, the process pool) loads inside each command.

LocaleOption = Annotated[
    list[str] | None,
    typer.Option("--locale", "-l", help="Only this locale (babel id, e.g. zh_Hans); repeatable."),
]
DomainOption = Annotated[
    list[str] | None,
    typer.Option("--domain", "-d", help="Only this domain (messages, notices); repeatable."),
]


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int, CatalogRef], None]]:
    """A rich progress bar over catalogs, on stderr so stdout stays a clean table."""
    with Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int, ref: CatalogRef) -> None:
            bar.update(task, completed=done, total=total, description=f"{ref.locale}/{ref.domain}")

        yield advance


def _error(message: str) -> None:
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)


def _print_invalid(exc: InvalidCatalogs) -> None:
    for error in exc.errors:
        err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)


def _summary(results: list[UpdateResult], check: bool) -> Table:
    table = Table(title="would change" if check else "catalogs updated")
    for column in ("locale", "domain", "new", "fuzzy", "obsolete", "translated"):
        table.add_column(column, justify="left" if column in ("locale", "domain") else "right")
    table.add_column("would write" if check else "written")
    for r in results:
        written = "[yellow]yes[/]" if r.changed else "no"
        table.add_row(r.locale, r.domain, str(r.added), str(r.fuzzy), str(r.obsolete),
                      str(r.unchanged), written)  # fmt: skip
    return table


def update(
    locale: LocaleOption = None,
    domain: DomainOption = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if any catalog would change (for CI)."),
    ] = False,
    no_fuzzy: Annotated[
        bool,
        typer.Option("--no-fuzzy", help="Do not reuse translations of similar old messages."),
    ] = False,
    root: RootOption = None,
) -> None:
    """Update the PO catalogs from their templates (locales/<domain>.pot), like msgmerge.

    Exact matches keep their translation; changed messages inherit the most
    similar old translation marked fuzzy (with the previous msgid); removed
    ones are kept as obsolete (#~). Every catalog is checked before any is
    written; a bad one prints path:line and nothing is written.

    Exit codes: 0 updated (with --check: nothing would change); 1 a catalog or
    template is invalid, a --locale has no catalog, a text cannot be written in
    the catalog's charset, or (with --check) a catalog would change; 2 config
    error (locales/matrix.yaml invalid).
    """

    def run() -> int:
        from i18n_pipeline.catalogs import InvalidCatalogs, update_locales

        settings = settings_for(root)
        try:
            with _progress("update") as progress:
                results = update_locales(
                    settings, locale, domain, check=check, progress=progress, no_fuzzy=no_fuzzy
                )
        except InvalidCatalogs as exc:
            _print_invalid(exc)
            return 1
        console.print(_summary(results, check))
        changed = sum(r.changed for r in results)
        verb = "would change" if check else "written"
        console.print(f"{len(results)} catalogs, {changed} {verb}")
        return 1 if check and changed else 0

    run_reported(run)


def init(
    locale: Annotated[str, typer.Argument(help="Babel locale id of the new catalog, e.g. pt_BR.")],
    domain: Annotated[
        list[str] | None,
        typer.Option("--domain", "-d", help="Domain to start (default: every template)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Start a catalog for a new locale from the template, with its CLDR plural rules.

    Sets the Language header and the Plural-Forms of the locale (babel's CLDR
    data). Never overwrites an existing catalog. A locale that is not in
    locales/matrix.yaml gets its catalog, with a note: check, stats and
    release builds only cover the matrix's locales until it is added there.

    Exit codes: 0 created; 1 a template cannot be read or the catalog cannot be
    written; 2 usage or config: unknown locale id, the catalog already exists,
    or locales/matrix.yaml is invalid.
    """

    def run() -> int:
        from babel import Locale, UnknownLocaleError

        from i18n_pipeline.catalogs import discover_domains, init_catalog
        from i18n_pipeline.layout import catalog_path

        settings = settings_for(root)
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            fixed = locale.replace("-", "_")
            try:
                hint = f"; did you mean {str(Locale.parse(fixed))!r}?" if fixed != locale else ""
            except (UnknownLocaleError, ValueError):
                hint = ""
            _error(f"unknown locale {locale!r}: use a babel id such as pt_BR or zh_Hant{hint}")
            return 2
        names = domain or discover_domains(settings.locales_path)
        existing = [catalog_path(settings.locales_path, locale, name) for name in names]
        for path in (p for p in existing if p.exists()):
            _error(f"{path}: already exists; `i18n update` refreshes it")
        if any(p.exists() for p in existing):
            return 2
        for name in names:
            console.print(f"created {init_catalog(settings, locale, name)}")
        if locale not in {language.locale for language in settings.matrix.languages}:
            err_console.print(
                f"[yellow]note:[/] {locale!r} is not in {settings.locales_path / 'matrix.yaml'};"
                " add it under languages: so check, stats and release builds cover it",
                highlight=False, soft_wrap=True,
            )  # fmt: skip
        return 0

    run_reported(run)


def compile_(
    locale: LocaleOption = None,
    domain: DomainOption = None,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Also print translated/fuzzy/untranslated counts."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Compile even catalogs unchanged since last time.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Compile PO catalogs to MO files beside them (fuzzy and untranslated left out).

    Only catalogs whose PO changed since the last compile are rebuilt; every
    PO is checked first and a bad one stops the run before anything is written.

    Exit codes: 0 compiled; 1 a catalog is invalid (path:line printed, no MO
    written) or a --locale has no catalog; 2 config error (locales/matrix.yaml
    invalid).
    """

    def run() -> int:
        from i18n_pipeline.catalogs import InvalidCatalogs, catalog_statistics, compile_catalogs

        settings = settings_for(root)
        try:
            with _progress("compile") as progress:
                written = compile_catalogs(settings, locale, domain, force=force, progress=progress)
        except InvalidCatalogs as exc:
            _print_invalid(exc)
            return 1
        console.print(f"{len(written)} MO files written")
        if statistics:
            table = Table(title="statistics")
            for column in ("locale", "domain", "translated", "fuzzy", "untranslated"):
                table.add_column(column)
            for s in catalog_statistics(settings, locale, domain):
                table.add_row(s.locale, s.domain, str(s.translated), str(s.fuzzy),
                              str(s.untranslated))  # fmt: skip
            console.print(table)
        return 0

    run_reported(run)


def register(app: typer.Typer) -> None:
    """Add the catalog commands to the ``i18n`` app."""
    app.command("update")(update)
    app.command("init")(init)
    app.command("compile")(compile_)
