"""Transactional emails: subjects and bodies (plain text, so newlines matter)."""

from __future__ import annotations

from app.i18n import _, ngettext


def welcome(name: str) -> tuple[str, str]:
    subject = _("Welcome to the team, {name}").format(name=name)
    body = _(
        "Hi {name},\n\nYour account is ready. Complete your profile so employers can find you.\n"
    ).format(name=name)
    return subject, body


def verify_email(link: str, hours: int) -> tuple[str, str]:
    subject = _("Confirm your email address")
    body = ngettext(
        "Open this link within {count} hour to confirm your address:\n{link}\n",
        "Open this link within {count} hours to confirm your address:\n{link}\n",
        hours,
    ).format(count=hours, link=link)
    return subject, body


def password_reset(link: str) -> tuple[str, str]:
    subject = _("Reset your password")
    body = _(
        "Someone asked to reset your password. If it was you, use this link:\n{link}\n\n"
        "If it wasn't, you can ignore this email.\n"
    ).format(link=link)
    return subject, body


def application_received(title: str, company: str) -> tuple[str, str]:
    subject = _("Your application to {company}").format(company=company)
    body = _(
        "Thanks for applying to {title} at {company}. We'll let you know when the status changes.\n"
    ).format(title=title, company=company)
    return subject, body


def interview_invitation(company: str, date: str, time: str, timezone: str) -> tuple[str, str]:
    subject = _("Interview invitation from {company}").format(company=company)
    body = _("Date: {date}\nTime: {time} ({timezone})\n").format(
        date=date, time=time, timezone=timezone
    )
    return subject, body


def job_alert(n: int, search: str) -> str:
    return ngettext('{count} new job for "{search}"', '{count} new jobs for "{search}"', n).format(
        count=n, search=search
    )


FOOTER = {
    "reason": _("You're receiving this email because you have an account with us."),
    "unsubscribe": _("Unsubscribe from these emails"),
    "preferences": _("Manage email preferences"),
    "signature": _("The Hiring Team\n"),
}
