"""``i18n notices``: render a privacy notice, and show what the legal gate would decide."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from i18n_pipeline.cli.common import RootOption, console, err_console, run_reported, settings_for
from i18n_pipeline.compliance.notices_render import FORMATS
from i18n_pipeline.errors import ConfigError

if TYPE_CHECKING:
    from i18n_pipeline.config import Settings

# The rules, the catalogs and jinja2 load inside the commands (FORMATS is a plain tuple).

group = typer.Typer(
    name="notices",
    help="Privacy notices: render one from its rule and translations; legal-gate status.",
    no_args_is_help=True,
)


def _render(
    settings: Settings, rule_id: str, locale: str, fmt: str, output: Path | None, force: bool
) -> int:
    from i18n_pipeline.compliance import notices
    from i18n_pipeline.compliance.index import RuleIndex
    from i18n_pipeline.compliance.loader import load_rules_strict
    from i18n_pipeline.pofile import write_bytes_atomic

    rule = RuleIndex(load_rules_strict(settings.rules_path)).get(rule_id)
    kit = notices.NoticeKit.from_settings(settings)
    translations = notices.NoticeTranslations.load(settings, locale)
    completeness = notices.notice_completeness(rule, locale, translations=translations, kit=kit)
    if not completeness.complete and not force:
        err_console.print(
            f"[bold red]error:[/] notice {rule_id!r} is not complete in {completeness.locale!r}:"
            f" {completeness.reason()}; the release would withhold it. Use --allow-incomplete"
            " to preview it with English for the missing messages.",
            highlight=False,
            soft_wrap=True,
        )
        return 1
    if not completeness.complete:
        err_console.print(
            f"[yellow]warning:[/] {completeness.reason()}; shown in English", highlight=False
        )
    text = notices.render_notice(rule, locale, fmt, translations=translations, kit=kit)
    if output is None:
        console.file.write(text)
        console.file.flush()
    else:
        write_bytes_atomic(output, text.encode("utf-8"))
        err_console.print(f"wrote {output}", highlight=False)
    return 0


@group.command("render")
def render_command(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. eu-gdpr (see `i18n rules`).")],
    locale: Annotated[str, typer.Argument(help="BCP 47 tag or catalog id, e.g. fr, zh-Hans.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    allow_incomplete: Annotated[
        bool,
        typer.Option(
            "--allow-incomplete",
            help="Render even when translations are missing or fuzzy (English shown for them).",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Render the privacy notice of RULE_ID in LOCALE.

    Figures, names and URLs come from the rule file and
    compliance_rules/notices/profile.yaml; sentences from
    locales/<locale>/LC_MESSAGES/notices.po.

    Exit codes: 0 rendered; 1 the notice's translation is incomplete (nothing
    written unless --allow-incomplete); 2 unknown rule, locale or format.
    """
    settings = settings_for(root)
    if fmt not in FORMATS:
        err_console.print(f"[bold red]error:[/] unknown format {fmt!r}; use {', '.join(FORMATS)}")
        raise typer.Exit(2)
    run_reported(lambda: _render(settings, rule_id, locale, fmt, output, allow_incomplete))


def _status_rows(settings: Settings, region_key: str) -> list[tuple[str, ...]]:
    """One row per rule and locale of a region: the legal gate's view, without writing files."""
    from i18n_pipeline.compliance import notices
    from i18n_pipeline.compliance.index import RuleIndex
    from i18n_pipeline.compliance.loader import load_rules_strict

    ruleset = load_rules_strict(settings.rules_path)
    region = settings.regions.regions[region_key]
    kit = notices.NoticeKit.from_settings(settings)
    shipped = [lang.locale for lang in settings.matrix.shipped_in(region_key)]
    rows: list[tuple[str, ...]] = []
    for rule in notices.region_rules(RuleIndex(ruleset), region):
        for target in notices.notice_targets(settings, rule, shipped):
            required = "yes" if target.required else "no"
            if target.catalog is None:
                rows.append((region_key, rule.id, target.tag, "no", "all", required))
                continue
            translations = notices.NoticeTranslations.load(settings, target.catalog)
            result = notices.notice_completeness(
                rule, target.catalog, translations=translations, kit=kit
            )
            complete = "yes" if result.complete else "no"
            rows.append((region_key, rule.id, target.tag, complete, str(result.problems), required))
    return rows


def _status(settings: Settings, region: str | None) -> int:
    regions = settings.regions.regions
    if region is not None and region not in regions:
        raise ConfigError(
            settings.locales_path / "regions.yaml",
            f"unknown region {region!r} (known: {', '.join(sorted(regions))})",
        )
    keys = [region] if region else sorted(regions)
    rows = [row for key in keys for row in _status_rows(settings, key)]

    table = Table(title="Privacy notices: legal gate")
    for name in ("region", "rule", "locale", "complete?", "missing", "required?"):
        table.add_column(name, justify="right" if name == "missing" else "left")
    for row in rows:
        style = (
            "red" if row[3] == "no" and row[5] == "yes" else ("yellow" if row[3] == "no" else "")
        )
        table.add_row(*row, style=style)
    console.print(table)

    blocking = [row for row in rows if row[3] == "no" and row[5] == "yes"]
    withheld = [row for row in rows if row[3] == "no" and row[5] == "no"]
    console.print(
        f"{len(rows)} notices: {len(rows) - len(blocking) - len(withheld)} would ship,"
        f" {len(withheld)} would be withheld, {len(blocking)} required but incomplete"
    )
    return 1 if blocking else 0


@group.command("status")
def status_command(
    region: Annotated[
        str | None,
        typer.Option("--region", "-r", help="Only this region (locales/regions.yaml key)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Show, per rule and locale, whether the notice is complete and whether the law requires it.

    Locales are those the matrix ships in each region plus every language a
    rule requires. Incomplete and not required: the release withholds the
    notice. Incomplete and required: the release stops.

    Exit codes: 0 no release would stop; 1 a required notice is incomplete;
    2 bad configuration or an unknown region.
    """
    settings = settings_for(root)
    run_reported(lambda: _status(settings, region))


def register(app: typer.Typer) -> None:
    """Add the ``notices`` command group to the main app."""
    app.add_typer(group)
