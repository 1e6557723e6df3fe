"""When a language reaches its target: a straight line through its history.

Pure functions over ``(time, translated words)`` points from the release
database; assets turn the answers into metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

NOT_ENOUGH_HISTORY = "not enough history"


@dataclass(frozen=True)
class Forecast:
    """Pace and expected date; ``date`` is None when the history cannot tell."""

    words_per_day: float | None
    date: datetime | None
    note: str


def words_per_day(points: Sequence[tuple[datetime, int]]) -> float | None:
    """Least-squares slope of translated words over days; None under two distinct times.

    >>> from datetime import datetime as dt
    >>> words_per_day([(dt(2026, 12, 1), 100), (dt(2026, 12, 3), 160)])
    30.0
    >>> words_per_day([(dt(2026, 12, 1), 100)]) is None
    True
    """
    if len(points) < 2:
        return None
    origin = min(when for when, _ in points)
    xs = [(when - origin).total_seconds() / 86400 for when, _ in points]
    ys = [float(words) for _, words in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def forecast(points: Sequence[tuple[datetime, int]], words_left: int) -> Forecast:
    """When ``words_left`` more words will be translated at the pace of ``points``.

    >>> from datetime import datetime as dt
    >>> f = forecast([(dt(2026, 12, 1), 100), (dt(2026, 12, 3), 160)], 90)
    >>> f.date, f.words_per_day
    (datetime.datetime(2026, 12, 6, 0, 0), 30.0)
    >>> forecast([(dt(2026, 12, 1), 100)], 90).note
    'not enough history'
    >>> forecast([(dt(2026, 12, 1), 100), (dt(2026, 12, 2), 90)], 5).note
    'no progress in the history (-10.0 words/day)'
    """
    if words_left <= 0:
        return Forecast(None, None, "target reached")
    pace = words_per_day(points)
    if pace is None:
        return Forecast(None, None, NOT_ENOUGH_HISTORY)
    if pace <= 0:
        return Forecast(pace, None, f"no progress in the history ({pace:.1f} words/day)")
    last = max(when for when, _ in points)
    when = last + timedelta(days=words_left / pace)
    return Forecast(pace, when, f"{when:%Y-%m-%d} at {pace:.1f} words/day")
