"""The completion chart: each language's completion against its target, by region.

Drawn with matplotlib's object API (no pyplot, so no global backend or state) and
saved as SVG with a fixed hash salt and no date, so the same report gives the
same bytes: the chart can live in a content-hashed release.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from i18n_pipeline.stats import CompletionReport, LocaleCompletion

STATUS_COLORS = {
    "pass": "#2e7d32",
    "warn": "#f9a825",
    "fail": "#c62828",
    "excluded": "#9e9e9e",
}
_TARGET_COLOR = "#212121"
# Fixed salt for the ids matplotlib writes into SVG; any constant makes the output stable.
_RC: dict[str, Any] = {
    "svg.hashsalt": "i18n-pipeline-completion",
    "svg.fonttype": "path",
    "font.size": 9,
}


def _layout(report: CompletionReport) -> list[tuple[str, list[LocaleCompletion]]]:
    """Region name -> its languages, in report order; languages in no region kept last."""
    groups: list[tuple[str, list[LocaleCompletion]]] = []
    placed: set[str] = set()
    for region in report.regions:
        rows = [row for row in report.locales if row.language.locale in region.locales]
        groups.append((region.name, rows))
        placed.update(region.locales)
    rest = [row for row in report.locales if row.language.locale not in placed]
    if rest:
        groups.append(("Other", rest))
    return groups


def _draw_bar(axes: Axes, position: float, row: LocaleCompletion) -> None:
    """One language: its completion bar in the status color, its value, its target mark."""
    value = row.completion * 100
    color = STATUS_COLORS[row.status]
    axes.bar(position, value, width=0.7, color=color)
    # The label sits inside a bar tall enough to hold it, else just above it.
    inside = value >= 8
    axes.text(
        position,
        value / 2 if inside else value + 1.5,
        f"{value:.0f}",
        ha="center",
        va="center" if inside else "bottom",
        color="white" if inside else color,
        fontsize=7,
    )
    target = row.language.target * 100
    axes.hlines(target, position - 0.42, position + 0.42, colors=_TARGET_COLOR, linewidth=2)


def completion_chart_svg(report: CompletionReport, *, title: str | None = None) -> bytes:
    """SVG bytes of a bar chart: completion per language, target markers, grouped by region.

    Bars are colored by gate status; a language shipped in several regions appears in
    each of them. Deterministic for the same ``report``.
    """
    groups = _layout(report)
    count = sum(len(rows) for _, rows in groups)
    gap = 1
    width = max(6.0, 0.5 * (count + gap * len(groups)) + 1.5)

    with mpl.rc_context(_RC):  # type: ignore[arg-type]
        figure = Figure(figsize=(width, 4.2))
        axes = figure.add_subplot()
        positions, labels, position = [], [], 0.0
        for name, rows in groups:
            start = position
            for row in rows:
                _draw_bar(axes, position, row)
                positions.append(position)
                labels.append(row.language.locale)
                position += 1
            if rows:
                middle = (start + position - 1) / 2
                axes.text(middle, 108, name, ha="center", va="bottom", fontweight="bold")
            position += gap

        axes.set_xticks(positions, labels, rotation=45, ha="right")
        axes.set_ylim(0, 118)
        axes.set_yticks(range(0, 101, 20))
        axes.set_ylabel(f"completion by {report.metric} (%)")
        axes.set_title(title or f"Completion vs target ({report.metric})", pad=18)
        axes.spines[["top", "right"]].set_visible(False)
        handles = [Patch(color=color, label=status) for status, color in STATUS_COLORS.items()]
        handles.append(Patch(color=_TARGET_COLOR, label="target"))
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
        figure.tight_layout()

        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
