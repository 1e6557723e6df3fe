"""Interview scheduling: slots, time zones, rescheduling and reminders."""

from __future__ import annotations

from datetime import datetime

from app.i18n import _, ngettext, pgettext


def duration_label(minutes: int) -> str:
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


SCHEDULING = {
    "pick": _("Pick a time that works for you"),
    "no_slots": _("No times are available this week. Ask the recruiter to share more."),
    "tz_detected": _("We detected your time zone as {timezone}."),
    "tz_mismatch": _(
        "Your computer is set to {local_timezone}, but your profile says {profile_timezone}. "
        "Which one should we use?"
    ),
    "confirmed": _("You're booked! We sent a calendar invitation to {email}."),
    "slot_taken": _("Someone just booked that time. Please choose another."),
    "join": _("Join video call"),
    "interviewers": _("Interviewers:"),
}


def booking_notice(hours: int) -> str:
    return ngettext(
        "Interviews must be booked at least {count} hour in advance.",
        "Interviews must be booked at least {count} hours in advance.",
        hours,
    ).format(count=hours)


def reschedule_text(old: datetime, new: datetime, by_candidate: bool) -> str:
    if by_candidate:
        return _("You moved your interview from {old_date} to {new_date}.").format(
            old_date=old.date().isoformat(), new_date=new.date().isoformat()
        )
    return _("The recruiter moved your interview to {new_date} at {new_time}.").format(
        new_date=new.date().isoformat(), new_time=new.strftime("%H:%M")
    )


RESCHEDULE = {
    "request": _("Request a different time"),
    "sent": _("Request sent. The recruiter will suggest new times."),
    "cancel": _("Cancel interview"),
    "cancel_confirm": _("Cancel this interview? The recruiter will be told right away."),
}


def reminder_text(hours: int, company: str) -> str:
    return ngettext(
        "Reminder: your interview with {company} starts in {count} hour.",
        "Reminder: your interview with {company} starts in {count} hours.",
        hours,
    ).format(company=company, count=hours)


def feedback_labels() -> dict[str, str]:
    return {
        "overdue": _("Your feedback for {candidate} is overdue."),
        # Translators: noun; a scheduled interview in a list of events.
        "event": pgettext("noun", "Interview"),
        # Translators: verb; button that invites the candidate to interview.
        "invite": pgettext("verb", "Interview"),
    }
