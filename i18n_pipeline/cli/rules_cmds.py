"""``i18n rules ...``: check the rule files, show the laws of a place, residency, schema."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from i18n_pipeline.cli.common import (
    RootOption,
    console,
    err_console,
    run_reported,
    settings_for,
    setup_logging,
)

if TYPE_CHECKING:
    from i18n_pipeline.compliance.checks import RuleFinding
    from i18n_pipeline.compliance.residency import ResidencyAnswer
    from i18n_pipeline.compliance.schema import (
        Appointment,
        BreachDuty,
        Deadline,
        Note,
        Rule,
        Sourced,
    )

# The rule schema (pydantic models), pycountry and the loaders load inside the
# commands; styles are keyed by the enum values (Severity, Verdict are StrEnums).

rules_app = typer.Typer(
    name="rules",
    help="Compliance rule files: validate them, show the laws of a place, data residency.",
    no_args_is_help=True,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class CheckFormat(StrEnum):
    table = "table"
    lines = "lines"
    json = "json"


class SeverityLevel(StrEnum):
    """``--severity``: the least severe level shown (mirrors compliance.checks.Severity)."""

    error = "error"
    warning = "warning"
    info = "info"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table (readable) or json (for scripts).")
]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging (stderr).")]
LocationArgument = Annotated[
    str,
    typer.Argument(
        help="ISO 3166 country, optionally with subdivision: DE, US-CA, CA-QC.",
        show_default=False,
    ),
]

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_VERDICT_STYLE = {
    "allowed": "green",
    "conditional": "yellow",
    "unknown": "magenta",
    "not_allowed": "bold red",
}


def _row(table: Table, *cells: str | Text) -> None:
    """Add a row whose plain strings are shown as-is (rule text is data, not rich markup)."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def _where(finding: RuleFinding) -> str:
    """``path:line`` with the path relative to the working directory when inside it."""
    path = Path(finding.path)
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        path = path.relative_to(Path.cwd())
    return f"{path}:{finding.line}" if finding.line else str(path)


def _findings_table(findings: list[RuleFinding]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Rule file findings", title_justify="left")
    for column in ("severity", "where", "code", "field", "message"):
        table.add_column(column, overflow="fold")
    for f in findings:
        style = _SEVERITY_STYLE[f.severity]
        _row(
            table, Text(f.severity.value, style=style), _where(f), f.code, f.field or "", f.message
        )
    return table


def _source(entry: Sourced | None) -> str:
    from i18n_pipeline.compliance.schema import Certainty

    if entry is None:
        return ""
    mark = " (uncertain)" if entry.certainty is Certainty.UNCERTAIN else ""
    return f"{entry.source.section}{mark}"


def _sources(*entries: Sourced | None) -> str:
    """The sections of several entries, each once, in order."""
    return "; ".join(dict.fromkeys(filter(None, map(_source, entries))))


def _deadline(deadline: Deadline | None) -> str:
    if deadline is None:
        return "-"
    return deadline.describe()


def _header(rule: Rule) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    effective = "; ".join(f"{e.date}: {e.what}" for e in rule.effective)
    rows = [
        ("law", f"{rule.name.short}: {rule.name.official}"),
        ("citation", f"{rule.citation}  {rule.url}"),
        (
            "applies in",
            ", ".join(rule.jurisdictions)
            + (f"  (supplements {', '.join(rule.supplements)})" if rule.supplements else ""),
        ),
        ("status", rule.status.value),
        ("effective", effective),
        ("reviewed", f"{rule.last_reviewed} by {rule.reviewed_by}"),
        (
            "regulator",
            f"{rule.regulator.name}  {rule.regulator.url}"
            + (
                f"  complaints: {rule.regulator.complaint_url}"
                if rule.regulator.complaint_url
                else ""
            ),
        ),
    ]
    for label, value in rows:
        _row(table, label, value)
    return table


def _rights_table(rule: Rule) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Rights", title_justify="left")
    for column in ("right", "applies", "deadline", "extension", "source"):
        table.add_column(column, overflow="fold")
    for entry in rule.rights:
        extension = _deadline(entry.extension)
        _row(
            table,
            entry.right.value,
            "yes" if entry.applies else "no",
            _deadline(entry.deadline),
            extension,
            _sources(entry, entry.deadline),
        )
    return table


def _required(value: bool | str) -> str:
    if isinstance(value, bool):
        return "required" if value else "not required"
    return value


def _duty(label: str, duty: BreachDuty | Appointment | None) -> tuple[str, str, str]:
    from i18n_pipeline.compliance.schema import BreachDuty

    if duty is None:
        return label, "not recorded", ""
    text = _required(duty.required)
    if isinstance(duty, BreachDuty):
        text += f"; {_deadline(duty.deadline)}"
        text += f"; when: {duty.threshold}" if duty.threshold else ""
        return label, text, _sources(duty, duty.deadline)
    text += f"; {duty.conditions}" if duty.conditions else ""
    return label, text, _source(duty)


def _obligations_table(rule: Rule) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Obligations", title_justify="left")
    for column in ("topic", "what the law says", "source"):
        table.add_column(column, overflow="fold")
    breach = rule.breach_notification
    _row(table, *_duty("breach: regulator", breach.regulator if breach else None))
    _row(table, *_duty("breach: individuals", breach.individuals if breach else None))
    if rule.children:
        age = rule.children.age_of_consent
        value = str(age.value) if age.value is not None else "none / unknown"
        _row(
            table,
            "child consent age",
            f"{value}" + (f" ({age.text})" if age.text else ""),
            _source(age),
        )
    if rule.consent:
        consent = rule.consent
        text = (
            f"{consent.model.value}; explicit consent for sensitive data: "
            f"{'yes' if consent.explicit_for_sensitive else 'no'}"
        )
        _row(table, "consent", text, _source(consent))
    if rule.data_localization:
        loc = rule.data_localization
        text = "; ".join(filter(None, [_required(loc.required), loc.scope, loc.conditions]))
        _row(table, "data localization", text, _source(loc))
    if rule.cross_border_transfer:
        cbt = rule.cross_border_transfer
        text = ("restricted" if cbt.restricted else "not restricted") + (
            f"; mechanisms: {', '.join(m.value for m in cbt.mechanisms)}" if cbt.mechanisms else ""
        )
        _row(table, "cross-border transfer", text, _source(cbt))
        if cbt.adequacy:
            dests = ", ".join(
                d.jurisdiction + ("*" if d.limited_to else "") for d in cbt.adequacy.destinations
            )
            _row(
                table,
                "adequate destinations",
                f"{dests} (as of {cbt.adequacy.as_of}; * = limited scope)",
                _source(cbt.adequacy),
            )
    _row(table, *_duty("DPO", rule.dpo))
    _row(table, *_duty("representative", rule.representative))
    for lang in rule.notice_languages:
        _row(
            table,
            "notice language",
            lang.tag + (f": {lang.notes}" if lang.notes else ""),
            _source(lang),
        )
    return table


def _show_rule(rule: Rule, file_name: str | None) -> None:
    title = f"{rule.id}" + (f"  ({file_name})" if file_name else "")
    console.rule(Text(title, style="bold"), align="left")
    console.print(_header(rule))
    if rule.rights:
        console.print(_rights_table(rule))
    console.print(_obligations_table(rule))
    notes = [rule.applicability, *rule.notes] if rule.applicability else rule.notes
    if notes:
        console.print(_notes_table(notes))
    console.print(Text(f"sources: {rule.url} and the sections cited above", style="dim"))


def _notes_table(notes: list[Note]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Notes", title_justify="left")
    for column in ("topic", "note", "source"):
        table.add_column(column, overflow="fold")
    for note in notes:
        _row(table, note.topic, note.text, _source(note))
    return table


def _residency_table(answer: ResidencyAnswer) -> Table:
    from i18n_pipeline.compliance.schema import Certainty

    table = Table(box=box.SIMPLE_HEAD, title=answer.summary, title_justify="left")
    for column in ("cloud region", "location", "law", "verdict", "why"):
        table.add_column(column, overflow="fold")
    for entry in answer.regions:
        why = [
            f"{r.rule_id}: {r.text}"
            + (" (uncertain)" if r.certainty is Certainty.UNCERTAIN else "")
            for r in entry.reasons
        ]
        if entry.policy is not None:  # the business layer, labelled apart from the law
            why.append(f"business policy {entry.policy.policy}: {entry.policy.text}")
        location = entry.subdivision or entry.country
        law = Text(entry.law_verdict.value, style=_VERDICT_STYLE[entry.law_verdict])
        by_policy = entry.decided_by == "business_policy"
        final = entry.verdict.value + (" (by policy)" if by_policy else "")
        verdict = Text(final, style=_VERDICT_STYLE[entry.verdict])
        _row(table, entry.cloud_region, location, law, verdict, "; ".join(why))
    return table


def check_command(
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f",
            help="table; lines: one 'path:line: severity code field: message' per finding"
            " (the default below 120 columns); json (for scripts).",
            show_default=False,
        ),
    ] = None,
    severity: Annotated[
        SeverityLevel,
        typer.Option("--severity", "-s", help="Show findings of this level and worse only."),
    ] = SeverityLevel.info,
    root: RootOption = None,
    verbose: VerboseOption = False,
) -> None:  # fmt: skip
    """Validate every rule file: schema, ISO codes, ids, sources, review age.

    Exit codes: 0 no error (warnings and infos are shown but do not fail);
    1 a finding is an error (the dataset must not ship); 2 usage or config
    error. --severity only hides findings: it never changes the exit code.
    """
    setup_logging(verbose)

    def run() -> int:
        from i18n_pipeline.compliance.checks import Severity, check_rules

        order = list(SeverityLevel)
        findings = check_rules(settings_for(root).rules_path)
        errors = sum(f.severity is Severity.ERROR for f in findings)
        shown = [
            f for f in findings if order.index(SeverityLevel(f.severity)) <= order.index(severity)
        ]
        style = fmt or (CheckFormat.table if console.width >= 120 else CheckFormat.lines)
        if style is CheckFormat.json:
            typer.echo(json.dumps([f.as_dict() for f in shown], indent=2))
            return 1 if errors else 0
        if style is CheckFormat.lines:
            for f in shown:
                field = f" {f.field}" if f.field else ""
                message = " ".join(f.message.split())
                typer.echo(f"{_where(f)}: {f.severity.value} {f.code}{field}: {message}")
        elif shown:
            console.print(_findings_table(shown))
        hidden = len(findings) - len(shown)
        note = f" ({hidden} below {severity.value} not shown)" if hidden else ""
        typer.echo(f"{errors} error(s), {len(shown) - errors} other finding(s){note}")
        return 1 if errors else 0

    run_reported(run)


def show_command(
    location: LocationArgument,
    fmt: FormatOption = OutputFormat.table,
    root: RootOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Show every law that applies at a location, with deadlines and their sources.

    A rule file that does not validate is left out with a warning on stderr
    (run `i18n rules check`); exits 1 when no rule covers the location.
    """
    setup_logging(verbose)

    def run() -> int:
        from i18n_pipeline.compliance.index import RuleIndex, parse_location
        from i18n_pipeline.compliance.loader import load_rules

        ruleset = load_rules(settings_for(root).rules_path)
        for error in ruleset.errors:
            err_console.print(f"[yellow]warning:[/] rule file left out: {escape(str(error))}")
        country, subdivision = parse_location(location)
        rules = RuleIndex(ruleset).for_location(country, subdivision)
        if fmt is OutputFormat.json:
            typer.echo(
                json.dumps([r.model_dump(mode="json", by_alias=True) for r in rules], indent=2)
            )
        elif not rules:
            console.print(f"no rule file covers {location.upper()}")
        for rule in rules if fmt is OutputFormat.table else ():
            _show_rule(rule, ruleset.files.get(rule.id))
        return 0 if rules else 1

    run_reported(run)


def residency_command(
    location: LocationArgument,
    fmt: FormatOption = OutputFormat.table,
    root: RootOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Show which configured cloud regions may store personal data of people at a location.

    Exits 1 when no configured region is allowed without conditions.
    """
    setup_logging(verbose)

    def run() -> int:
        from i18n_pipeline.compliance.index import RuleIndex, parse_location
        from i18n_pipeline.compliance.loader import load_rules_strict
        from i18n_pipeline.compliance.residency import residency

        settings = settings_for(root)
        index = RuleIndex(load_rules_strict(settings.rules_path))
        country, subdivision = parse_location(location)
        answer = residency(country, settings.regions, index, subdivision)
        if fmt is OutputFormat.json:
            typer.echo(answer.model_dump_json(indent=2))
        else:
            console.print(_residency_table(answer))
            for item in answer.localized:
                console.print(
                    Text.assemble(
                        ("localized data", "yellow"),
                        f" ({item.rule_id}): {item.scope}: {item.text}",
                    ),
                    soft_wrap=True,
                )
        return 0 if answer.allowed_regions else 1

    run_reported(run)


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the JSON Schema here (atomically), not stdout."),
]
CheckOption = Annotated[
    bool,
    typer.Option(
        "--check",
        help="Only compare with --output (default compliance_rules/schema.json); "
        "exit 1 when it is out of date.",
    ),
]


def schema_command(
    output: OutputOption = None, check: CheckOption = False, root: RootOption = None
) -> None:
    """Print or write the JSON Schema of rule files (compliance_rules/schema.json)."""

    def run() -> int:
        from i18n_pipeline.compliance.schema import rule_json_schema_text
        from i18n_pipeline.pofile import write_bytes_atomic

        text = rule_json_schema_text()
        target = output or (settings_for(root).rules_path / "schema.json" if check else None)
        if check:
            assert target is not None
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != text:
                console.print(f"{target} is out of date: run `i18n rules schema -o {target}`")
                return 1
            return 0
        if target is None:
            typer.echo(text, nl=False)
        else:
            write_bytes_atomic(target, text.encode("utf-8"))
        return 0

    run_reported(run)


def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    root: RootOption = None,
) -> None:
    """Write the validated rules dataset (the release's rules/rules.json) to a file."""

    def run() -> int:
        from i18n_pipeline.compliance.loader import load_rules_strict, ruleset_json
        from i18n_pipeline.pofile import write_bytes_atomic

        ruleset = load_rules_strict(settings_for(root).rules_path)
        write_bytes_atomic(output, ruleset_json(ruleset))
        console.print(f"wrote {len(ruleset)} rules to {output}")
        return 0

    run_reported(run)


def register(app: typer.Typer) -> None:
    """Add the ``rules`` command group to ``i18n``."""
    rules_app.command("check")(check_command)
    rules_app.command("show")(show_command)
    rules_app.command("residency")(residency_command)
    rules_app.command("schema")(schema_command)
    rules_app.command("export")(export_command)
    app.add_typer(rules_app, name="rules")
