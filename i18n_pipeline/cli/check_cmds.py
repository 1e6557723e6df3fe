"""``i18n check`` and ``i18n stats``: catalog quality and completion against the matrix."""

from __future__ import annotations

import csv
import inspect
import io
import json
import sys
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table
from typer.core import TyperCommand

from i18n_pipeline.cli.common import (
    RootOption,
    console,
    run_reported,
    settings_for,
    setup_logging,
)
from i18n_pipeline.errors import ConfigError

if TYPE_CHECKING:
    from i18n_pipeline.checks import CheckReport
    from i18n_pipeline.config import Settings
    from i18n_pipeline.stats import CompletionReport

# The checks, the statistics and the chart (matplotlib) load inside the commands;
# the list of checks in the help of `i18n check` loads when that help is shown.


class CheckFormat(StrEnum):
    table = "table"
    json = "json"


class StatsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Metric(StrEnum):
    messages = "messages"
    words = "words"


LocaleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--locale",
        "-l",
        help="Catalog locale to include (babel id, e.g. zh_Hans); repeat for more. "
        "Default: every language of locales/matrix.yaml.",
    ),
]
DomainOption = Annotated[
    list[str] | None,
    typer.Option(
        "--domain",
        "-d",
        help="Domain to check (messages, notices); repeat for more. Default: all matrix domains.",
    ),
]

VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Log each catalog read and skipped (stderr).")
]

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
_STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "excluded": "dim"}


def _validate(settings: Settings, locales: list[str] | None, domains: list[str] | None) -> None:
    matrix = settings.matrix
    known = [lang.locale for lang in matrix.languages]
    for locale in locales or ():
        if locale not in known:
            raise ConfigError(
                settings.locales_path / "matrix.yaml",
                f"locale {locale!r} is not in the matrix (known: {', '.join(known)})",
            )
    for domain in domains or ():
        if domain not in matrix.domains:
            raise ConfigError(
                settings.locales_path / "matrix.yaml",
                f"domain {domain!r} is not in the matrix (known: {', '.join(matrix.domains)})",
            )


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the project root when it is inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _render_check_table(report: CheckReport, settings: Settings) -> None:
    root = settings.root
    for path, findings in report.by_path().items():
        shown = _shown(path, root)
        table = Table(title=shown, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
        table.add_column("where", no_wrap=True)
        table.add_column("severity / check")
        table.add_column("message", overflow="fold", ratio=1)
        for finding in findings:
            style = _SEVERITY_STYLE[finding.severity]
            table.add_row(
                f"{shown}:{finding.line}" if finding.line else shown,
                f"[{style}]{finding.severity}[/]\n{finding.check}",
                finding.message,
            )
        console.print(table)
    summary = (
        f"{len(report.errors)} errors, {len(report.warnings)} warnings in "
        f"{len(report.catalogs)} catalogs ({report.entries} entries checked, "
        f"{report.fuzzy_skipped} fuzzy skipped)"
    )
    style = "bold red" if report.errors else ("yellow" if report.warnings else "green")
    console.print(f"[{style}]{summary}[/]", highlight=False)
    if not report.catalogs:
        console.print(
            f"[yellow]no catalogs found under {settings.locales_path}[/]", highlight=False
        )


def check_command(
    locale: LocaleOption = None,
    domain: DomainOption = None,
    output: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="table for people, json for scripts and CI."),
    ] = CheckFormat.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too, not only errors.")
    ] = False,
    root: RootOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Check translated catalogs: placeholders, plural forms, markup, whitespace, length.

    Fuzzy entries are skipped (they are not shipped). Exit 0 when clean, 1 when a check
    found errors (or warnings under --strict), 2 for bad options or configuration.
    """

    def run() -> int:
        from i18n_pipeline.checks import check_locales

        setup_logging(verbose)
        settings = settings_for(root)
        _validate(settings, locale, domain)
        report = check_locales(settings, locale or None, domain or None)
        if output is CheckFormat.json:
            sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        else:
            _render_check_table(report, settings)
        return 1 if report.failed(strict=strict) else 0

    run_reported(run)


def _percent(value: float) -> str:
    return f"{value * 100:.1f}"


def _write_chart(path: Path, report: CompletionReport) -> None:
    """The SVG chart of ``report`` at ``path``; matplotlib loads only here."""
    from i18n_pipeline.charts import completion_chart_svg
    from i18n_pipeline.pofile import write_bytes_atomic

    write_bytes_atomic(path, completion_chart_svg(report))


def _stats_table(report: CompletionReport) -> Table:
    from i18n_pipeline.stats import GATE_DOMAIN

    table = Table(
        title=f"Completion of the {GATE_DOMAIN} domain by {report.metric}",
        caption=f"done = translated, todo = untranslated, left = {report.metric} to target",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    # Below ~110 columns the language names do not fit; the locale id says the same.
    named = console.width >= 110
    table.add_column("locale", min_width=7)
    if named:
        table.add_column("name", overflow="fold")
    table.add_column("prio")
    table.add_column("regions", overflow="fold", min_width=8)
    for name in ("msgs", "done", "fuzzy", "todo", "words", "%", "target"):
        table.add_column(name, justify="right")
    table.add_column("status", min_width=8)
    table.add_column("left", justify="right")
    for row in report.locales:
        stats = row.gating
        style = _STATUS_STYLE[row.status]
        left = row.messages_to_target if report.metric == "messages" else row.words_to_target
        cells = [row.language.locale, *([row.language.name] if named else [])]
        table.add_row(
            *cells,
            row.language.priority.value,
            (" " if named else "\n").join(row.language.regions),
            str(stats.total),
            str(stats.translated),
            str(stats.fuzzy),
            str(stats.untranslated),
            str(stats.total_words),
            _percent(row.completion),
            _percent(row.language.target),
            f"[{style}]{row.status}[/]",
            str(left) if left else "",
        )
    return table


def _regions_table(report: CompletionReport) -> Table:
    table = Table(title="By region", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("region")
    table.add_column("locales")
    for status in ("pass", "warn", "fail", "excluded"):
        table.add_column(status, justify="right")
    table.add_column("messages %", justify="right")
    table.add_column("words %", justify="right")
    for region in report.regions:
        table.add_row(
            region.name,
            ", ".join(region.locales),
            *(str(region.statuses[s]) for s in ("pass", "warn", "fail", "excluded")),
            _percent(region.message_completion),
            _percent(region.word_completion),
        )
    return table


_CSV_FIELDS = (
    "locale", "name", "priority", "regions", "domain", "total", "translated", "fuzzy",
    "untranslated", "total_words", "translated_words", "fuzzy_words", "untranslated_words",
    "completion_messages", "completion_words", "target", "status", "gates_release",
)  # fmt: skip


def _stats_csv(report: CompletionReport) -> str:
    from i18n_pipeline.stats import GATE_DOMAIN

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in report.locales:
        for domain, stats in row.domains.items():
            counts = stats.to_dict()
            writer.writerow(
                {
                    "locale": row.language.locale,
                    "name": row.language.name,
                    "priority": row.language.priority.value,
                    "regions": " ".join(row.language.regions),
                    "domain": domain,
                    **{key: counts[key] for key in _CSV_FIELDS[5:15]},
                    "target": row.language.target,
                    "status": row.status,
                    "gates_release": domain == GATE_DOMAIN,
                }
            )
    return buffer.getvalue()


def stats_command(
    locale: LocaleOption = None,
    output: Annotated[
        StatsFormat,
        typer.Option("--format", "-f", help="table for people; json or csv for scripts."),
    ] = StatsFormat.table,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also write an SVG bar chart of completion vs target per language to FILE.",
            metavar="FILE.svg",
        ),
    ] = None,
    by: Annotated[
        Metric | None,
        typer.Option(
            "--by",
            help="Measure completion by messages or by source words. "
            "Default: gate_metric of locales/matrix.yaml.",
        ),
    ] = None,
    root: RootOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Message and word counts per language, completion vs target, gate status per region.

    Counts follow pocount: header and obsolete entries excluded, fuzzy counted apart,
    words are source words. The status applies the matrix gates (block -> fail,
    warn -> warn, exclude -> excluded) to the messages domain. Exit 1 when a language
    whose gate blocks is below target, 2 for bad options or configuration, else 0.
    """

    def run() -> int:
        from i18n_pipeline.stats import completion_report

        setup_logging(verbose)
        settings = settings_for(root)
        _validate(settings, locale, None)
        report = completion_report(settings, locale or None, metric=by.value if by else None)
        if output is StatsFormat.json:
            sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        elif output is StatsFormat.csv:
            sys.stdout.write(_stats_csv(report))
        else:
            console.print(_stats_table(report))
            console.print(_regions_table(report))
        if chart is not None:
            _write_chart(chart, report)
            if output is StatsFormat.table:
                console.print(f"chart written to {chart}", highlight=False)
        return 1 if report.failures else 0

    run_reported(run)


def _help(doc: str | None) -> str:
    """A docstring as --help text: paragraphs kept, lines inside a paragraph joined."""
    paragraphs = inspect.cleandoc(doc or "").split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


@cache
def _check_help() -> str:
    from i18n_pipeline.checks import CHECKS

    listed = "\n\n".join(f"[bold]{c.name}[/] ({c.severity}): {c.title}" for c in CHECKS.values())
    return f"{_help(check_command.__doc__)}\n\n[bold]Checks[/]\n\n{listed}"


class _CheckCommand(TyperCommand):
    """``i18n check``, whose help ends with the list of checks, built on first read.

    The list comes from :data:`i18n_pipeline.checks.CHECKS`; reading it at
    registration would load babel, langcodes and pydantic-settings for every
    command's start-up, ``i18n --help`` included.
    """

    @property
    def help(self) -> str:
        return _check_help()

    @help.setter
    def help(self, value: str | None) -> None:
        """Ignore the docstring typer passes in; :func:`_check_help` already holds it."""


def _first_paragraph(doc: str | None) -> str:
    r"""The line the command list shows.

    >>> _first_paragraph("Check things.\n\n    More detail.")
    'Check things.'
    """
    return _help(doc).split("\n\n")[0]


def register(app: typer.Typer) -> None:
    """Add ``check`` and ``stats`` to the ``i18n`` command."""
    app.command("check", cls=_CheckCommand, short_help=_first_paragraph(check_command.__doc__))(
        check_command
    )
    app.command("stats", help=_help(stats_command.__doc__))(stats_command)
