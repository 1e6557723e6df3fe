"""Job search, filters and job posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.i18n import _, ngettext, pgettext


class JobStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"
    FILLED = "filled"


def status_label(status: JobStatus) -> str:
    """The badge shown next to a job post."""
    labels = {
        # Translators: status badge of a job post that is still a draft.
        JobStatus.DRAFT: pgettext("job status", "Draft"),
        # Translators: status badge; the job accepts applications (adjective, not the verb).
        JobStatus.OPEN: pgettext("job status", "Open"),
        JobStatus.PAUSED: pgettext("job status", "Paused"),
        JobStatus.CLOSED: pgettext("job status", "Closed"),
        JobStatus.FILLED: pgettext("job status", "Filled"),
    }
    return labels[status]


EMPLOYMENT_TYPES = {
    "full_time": _("Full-time"),
    "part_time": _("Part-time"),
    "contract": _("Contract"),
    "internship": _("Internship"),
}

WORKPLACE_TYPES = {
    "onsite": _("On-site"),
    "hybrid": _("Hybrid"),
    "remote": _("Remote"),
}


@dataclass
class SearchFilters:
    keywords: str = ""
    location: str = ""
    radius_km: int = 25
    employment_types: list[str] = field(default_factory=list)
    remote_only: bool = False
    salary_min: int | None = None


def validate_filters(filters: SearchFilters) -> list[str]:
    """Messages shown under the search form when a filter cannot be used."""
    problems = []
    if len(filters.keywords) > 200:
        problems.append(_("Keep your search under 200 characters."))
    if filters.radius_km not in (5, 10, 25, 50, 100):
        problems.append(_("Choose a distance from the list."))
    if filters.salary_min is not None and filters.salary_min < 0:
        problems.append(_("The minimum salary can't be negative."))
    if filters.remote_only and filters.location:
        problems.append(
            _(
                'Remote jobs aren\'t tied to a place, so we ignored the location "{location}".'
            ).format(location=filters.location)
        )
    return problems


def results_summary(count: int, keywords: str, location: str) -> str:
    """The line above the search results."""
    if count == 0 and keywords:
        return _('No jobs match "{keywords}". Try fewer words or a wider area.').format(
            keywords=keywords
        )
    if count == 0:
        return _("No jobs match your filters yet. Save this search to hear about new ones.")
    if location:
        return ngettext(
            "{count} job near {location}", "{count} jobs near {location}", count
        ).format(count=count, location=location)
    return ngettext("{count} job found", "{count} jobs found", count).format(count=count)


def salary_range(low: int, high: int, currency: str, period: str) -> str:
    periods = {
        "year": _("{low}–{high} {currency} a year"),
        "month": _("{low}–{high} {currency} a month"),
        "hour": _("{low}–{high} {currency} an hour"),
    }
    return periods[period].format(low=low, high=high, currency=currency)


def posted_ago(days: int) -> str:
    if days == 0:
        return _("Posted today")
    return ngettext("Posted {count} day ago", "Posted {count} days ago", days).format(count=days)


def closing_notice(closes_on: date, today: date) -> str:
    days = (closes_on - today).days
    if days < 0:
        return _("This job is no longer accepting applications.")
    if days == 0:
        return _("Applications close today.")
    return ngettext(
        "Applications close in {count} day", "Applications close in {count} days", days
    ).format(count=days)


def validate_job_post(title: str, description: str, openings: int) -> dict[str, str]:
    """Field errors of the job post editor."""
    errors = {}
    if not title.strip():
        errors["title"] = _("Give the job a title.")
    elif len(title) > 120:
        errors["title"] = _("Job titles can be at most 120 characters.")
    if len(description) < 200:
        errors["description"] = _(
            "Describe the role in at least 200 characters so candidates know what to expect."
        )
    if openings < 1:
        errors["openings"] = _("A job needs at least one opening.")
    return errors


def publish_confirmation(title: str, regions: int) -> str:
    return ngettext(
        '"{title}" is live in {count} region.',
        '"{title}" is live in {count} regions.',
        regions,
    ).format(title=title, count=regions)


def job_actions() -> dict[str, str]:
    return {
        # Translators: verb; button that starts an application for this job.
        "apply": pgettext("verb", "Apply"),
        "save": _("Save job"),
        "report": _("Report this job"),
        # Translators: verb on a closed job post; makes it accept applications again.
        "reopen": pgettext("job action", "Reopen"),
        "close": _("Close job"),
    }
