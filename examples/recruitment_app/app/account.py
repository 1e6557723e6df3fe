"""Account settings: profile, security, notifications, data export and deletion."""

from __future__ import annotations

from app.i18n import _, ngettext


def validate_password(password: str, email: str) -> list[str]:
    problems = []
    if len(password) < 12:
        problems.append(_("Use at least 12 characters."))
    if password.lower() == email.lower():
        problems.append(_("Your password can't be your email address."))
    if password.isalpha() or password.isdigit():
        problems.append(_("Mix letters with numbers or symbols."))
    return problems


SECURITY = {
    "change_password": _("Change password"),
    "password_changed": _("Your password was changed. Other devices have been signed out."),
    "two_factor_on": _("Two-step verification is on."),
    "two_factor_off": _("Add a second step to keep your account safe."),
    "last_sign_in": _("Last signed in {date} from {location}"),
}


def active_sessions(n: int) -> str:
    return ngettext(
        "You're signed in on {count} device.", "You're signed in on {count} devices.", n
    ).format(count=n)


EXPORT = {
    "title": _("Download your data"),
    "body": _(
        "Get a copy of your profile, résumés, applications and messages as a ZIP file "
        "of JSON documents."
    ),
    "request": _("Request export"),
    "pending": _("We're preparing your export. We'll email {email} when it's ready."),
    "ready": _("Your export is ready. The link works until {date}."),
    "one_at_a_time": _("An export is already in progress. You can request another once it's done."),
}

DELETION = {
    "title": _("Delete account"),
    "warning": _(
        "Deleting your account removes your profile, résumés and applications. "
        "Employers you applied to keep the copies they already received, as the law allows."
    ),
    "type_to_confirm": _("Type DELETE to confirm"),
    "mismatch": _("Type DELETE in capital letters to confirm."),
    # Translators: button; destructive action, keep it short and unambiguous.
    "confirm": _("Delete my account"),
    "scheduled": _(
        "Your account will be deleted on {date}. Sign in before then to cancel the deletion."
    ),
    "cancelled": _("Account deletion cancelled. Welcome back!"),
    "employer_owner": _(
        "You own the employer account {company}. Transfer ownership before you delete your account."
    ),
}


def deletion_grace(days: int) -> str:
    return ngettext(
        "You have {count} day to change your mind.",
        "You have {count} days to change your mind.",
        days,
    ).format(count=days)


SAVE = {
    "saved": _("Changes saved."),
    "email_verify": _("We sent a link to {email}. Open it to confirm your new address."),
}
