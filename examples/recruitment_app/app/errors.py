"""Error pages and field validation messages shared by every form."""

from __future__ import annotations

from app.i18n import _, ngettext, pgettext

HTTP_ERRORS = {
    401: _("Please sign in to continue."),
    403: _("You don't have permission to see this page."),
    404: _("We can't find that page. It may have moved or been removed."),
    429: _("You're going a little fast. Wait a moment and try again."),
    500: _("Something went wrong on our side. We've been told and are looking into it."),
}

FIELD_ERRORS = {
    "required": _("This field is required."),
    "email": _("Enter an email address like name@example.com."),
    "phone": _("Enter a phone number with its country code, like +44 20 7946 0958."),
    "date_past": _("Choose a date in the future."),
}


def too_long(limit: int) -> str:
    return ngettext(
        "Use at most {count} character.", "Use at most {count} characters.", limit
    ).format(count=limit)


def form_error_summary(n: int) -> str:
    return ngettext(
        "There is {count} problem with this form:",
        "There are {count} problems with this form:",
        n,
    ).format(count=n)


# Translators: link under an error message; "Back" as in "go back to the previous page".
GO_BACK = pgettext("navigation", "Back")
HOME = _("Go to the home page")
RETRY = _("Try again")
CONTACT_SUPPORT = _('Still stuck? <a href="{url}">Contact support</a>.')
