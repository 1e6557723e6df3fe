"""Employer dashboard: hiring pipeline, team and analytics."""

from __future__ import annotations

from app.i18n import _, ngettext, npgettext, pgettext

PIPELINE_COLUMNS = [
    # Translators: pipeline column for applications nobody has looked at yet.
    pgettext("pipeline stage", "New"),
    _("Screening"),
    pgettext("pipeline stage", "Interview"),
    pgettext("pipeline stage", "Offer"),
    _("Hired"),
]


def period_label(days: int) -> str:
    # Translators: heading of the analytics period picker, e.g. "Last 30 days".
    return ngettext("Last {count} day", "Last {count} days", days).format(count=days)


def column_count(n: int) -> str:
    # Translators: count under a pipeline column heading.
    return npgettext("pipeline", "{count} candidate", "{count} candidates", n).format(count=n)


ANALYTICS = {
    "title": _("Hiring analytics"),
    "conversion": _("{rate} of viewers applied"),
    "diversity_note": _(
        "Demographic figures appear only when at least 10 candidates answered, "
        "so no one can be identified."
    ),
    "export": _("Export report (CSV)"),
    "no_data": _("Not enough data yet. Check back once your job has been live for a week."),
}


TEAM = {
    "invite_sent": _("Invitation sent to {email}."),
    "remove_member": _("Remove {name} from the team?"),
    "last_admin": _("You can't remove the last admin. Make someone else an admin first."),
}
