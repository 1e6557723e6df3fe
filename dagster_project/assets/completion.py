"""Completion statistics: every language against its target, with history and forecasts.

The checks on this asset are the matrix gates seen from Dagster: one per
priority, blocking with severity ERROR when the matrix says that priority's
gate blocks a release, severity WARN otherwise.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableRecord,
    TableSchema,
    asset,
)

from dagster_project.assets.catalogs import CATALOGS
from dagster_project.errors import failure_on_pipeline_error
from dagster_project.forecast import Forecast, forecast
from dagster_project.resources import (
    ProjectPaths,
    ReleaseDatabase,
    ReleaseStoreResource,
    settings_from,
)
from i18n_pipeline import db
from i18n_pipeline.charts import completion_chart_svg
from i18n_pipeline.config import GateAction, Matrix, Priority, Settings
from i18n_pipeline.errors import PipelineError
from i18n_pipeline.locales import to_bcp47
from i18n_pipeline.pofile import write_bytes_atomic
from i18n_pipeline.stats import GATE_DOMAIN, CompletionReport, LocaleCompletion, completion_report

COMPLETION = AssetKey("completion_statistics")
CHART_NAME = "completion.svg"

_SCHEMA = TableSchema(
    columns=[
        TableColumn("locale", "string"),
        TableColumn("language", "string"),
        TableColumn("priority", "string"),
        TableColumn("target", "string"),
        TableColumn("completion", "string"),
        TableColumn("translated / total", "string"),
        TableColumn("gate", "string"),
        TableColumn("words left", "int"),
        TableColumn("forecast", "string"),
    ]
)


def check_name(priority: Priority) -> str:
    """``completion_target_p0`` and so on: one check per priority."""
    return f"completion_target_{priority.value.lower()}"


def _severity(matrix: Matrix, priority: Priority) -> AssetCheckSeverity:
    blocks = matrix.gates[priority] == GateAction.BLOCK
    return AssetCheckSeverity.ERROR if blocks else AssetCheckSeverity.WARN


def used_priorities(matrix: Matrix) -> list[Priority]:
    """The priorities of the matrix's languages, P0 first."""
    return sorted({lang.priority for lang in matrix.languages}, key=lambda p: p.value)


def completion_check_specs(matrix: Matrix) -> list[AssetCheckSpec]:
    """A check per priority the matrix uses; blocking where its gate blocks."""
    return [
        AssetCheckSpec(
            check_name(priority),
            asset=COMPLETION,
            blocking=matrix.gates[priority] == GateAction.BLOCK,
            description=(
                f"Every {priority.value} language reaches its target "
                f"(matrix gate: {matrix.gates[priority].value})."
            ),
        )
        for priority in used_priorities(matrix)
    ]


def _history_points(history: list[db.CompletionRecord], tag: str) -> list[tuple[datetime, int]]:
    """``(recorded_at, translated words)`` of ``tag``, one point per release."""
    return [(r.recorded_at, r.translated_words) for r in history if r.locale == tag]


def _forecasts(report: CompletionReport, history: list[db.CompletionRecord]) -> dict[str, Forecast]:
    """A forecast for every language below target, from its ``messages`` history."""
    found: dict[str, Forecast] = {}
    for row in report.locales:
        if row.status == "pass":
            continue
        tag = to_bcp47(row.language.locale)
        found[row.language.locale] = forecast(_history_points(history, tag), row.words_to_target)
    return found


def _table(report: CompletionReport, forecasts: dict[str, Forecast]) -> list[TableRecord]:
    rows = []
    for row in report.locales:
        lang, gating = row.language, row.gating
        done = f"{gating.translated}/{gating.total}"
        if report.metric == "words":
            done = f"{gating.translated_words}/{gating.total_words} words"
        guess = forecasts.get(lang.locale)
        rows.append(
            TableRecord(
                {
                    "locale": lang.locale,
                    "language": lang.name,
                    "priority": lang.priority.value,
                    "target": f"{lang.target:.0%}",
                    "completion": f"{row.completion:.1%}",
                    "translated / total": done,
                    "gate": row.status,
                    "words left": row.words_to_target,
                    "forecast": guess.note if guess else "target reached",
                }
            )
        )
    return rows


def markdown_chart(report: CompletionReport, width: int = 30) -> str:
    """Completion per language as a Markdown table of text bars, target marked ``|``."""
    lines = ["| locale | completion | target | gate |", "|---|---|---|---|"]
    for row in report.locales:
        filled = round(row.completion * width)
        mark = min(width - 1, round(row.language.target * width))
        cells = ["█" if i < filled else "·" for i in range(width)]
        cells[mark] = "|"
        bar = "".join(cells)
        lines.append(
            f"| {row.language.locale} | `{bar}` {row.completion:.1%} | "
            f"{row.language.target:.0%} | {row.status} |"
        )
    return "\n".join(lines)


def _history_markdown(history: list[db.CompletionRecord], limit: int = 40) -> str:
    if not history:
        return "No release recorded yet: the history starts with the first published release."
    lines = [
        "| recorded | release | locale | completion | translated words |",
        "|---|---|---|---|---|",
    ]
    for record in history[-limit:]:
        lines.append(
            f"| {record.recorded_at:%Y-%m-%d %H:%M} | {record.release_id} | {record.locale} | "
            f"{record.completion:.1%} | {record.translated_words}/{record.words} |"
        )
    return "\n".join(lines)


def _gate_result(
    matrix: Matrix, priority: Priority, rows: list[LocaleCompletion]
) -> AssetCheckResult:
    mine = [r for r in rows if r.language.priority == priority]
    short = [r for r in mine if r.status != "pass"]
    described = "; ".join(f"{r.language.locale}: {r.gate.reason}" for r in short)
    return AssetCheckResult(
        check_name=check_name(priority),
        passed=not short,
        severity=_severity(matrix, priority),
        description=described or f"every {priority.value} language reaches its target",
        metadata={
            "languages": ", ".join(r.language.locale for r in mine),
            "below target": ", ".join(r.language.locale for r in short) or "none",
            "gate action": matrix.gates[priority].value,
        },
    )


def _chart(settings: Settings, report: CompletionReport) -> str:
    path = settings.var_path / "reports" / CHART_NAME
    write_bytes_atomic(path, completion_chart_svg(report))
    return str(path)


def completion_asset(matrix: Matrix) -> AssetsDefinition:
    """The completion asset with one gate check per matrix priority."""
    specs = completion_check_specs(matrix)

    @asset(
        key=COMPLETION,
        group_name="catalogs",
        deps=[CATALOGS],
        check_specs=specs,
        kinds={"python"},
    )
    def completion_statistics(
        context: AssetExecutionContext,
        paths: ProjectPaths,
        release_store: ReleaseStoreResource,
        database: ReleaseDatabase,
    ) -> Iterator[Any]:
        """Completion of every matrix language against its target, per region, with forecasts."""
        settings = settings_from(paths, release_store, database)
        with failure_on_pipeline_error("completion statistics"):
            report = completion_report(settings)
            chart = _chart(settings, report)
        try:
            history = db.completion_history(settings, domain=GATE_DOMAIN)
        except PipelineError as exc:
            context.log.warning("no completion history: %s", exc)
            history = []
        forecasts = _forecasts(report, history)
        below = [row for row in report.locales if row.status != "pass"]
        context.log.info(
            "%d languages, %d below target, %d history records",
            len(report.locales),
            len(below),
            len(history),
        )
        yield MaterializeResult(
            asset_key=COMPLETION,
            metadata={
                "metric": report.metric,
                "completion": MetadataValue.table(_table(report, forecasts), schema=_SCHEMA),
                "chart": MetadataValue.md(markdown_chart(report)),
                "chart svg": MetadataValue.path(chart),
                "messages (source)": _source_messages(report),
                "below target": ", ".join(r.language.locale for r in below) or "none",
                "regions": MetadataValue.json([region.to_dict() for region in report.regions]),
                "history": MetadataValue.md(_history_markdown(history)),
                "forecast": MetadataValue.json(
                    {
                        locale: {
                            "words_left": next(
                                r.words_to_target for r in below if r.language.locale == locale
                            ),
                            "words_per_day": f.words_per_day,
                            "date": f.date.date().isoformat() if f.date else None,
                            "note": f.note,
                        }
                        for locale, f in forecasts.items()
                    }
                ),
            },
        )
        for priority in used_priorities(matrix):
            yield _gate_result(settings.matrix, priority, report.locales)

    return completion_statistics


def _source_messages(report: CompletionReport) -> int:
    source = next((r for r in report.locales if r.language.locale == report.source_locale), None)
    return source.gating.total if source else 0
