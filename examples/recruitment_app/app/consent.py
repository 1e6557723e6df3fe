"""Consent and cookie banners, and the privacy choices behind them."""

from __future__ import annotations

from app.i18n import _, ngettext, pgettext

COOKIE_BANNER = {
    "title": _("We use cookies"),
    "body": _(
        "We use essential cookies to run the site and, with your permission, analytics cookies "
        'to improve it. Read our <a href="{url}">cookie policy</a>.'
    ),
    # Translators: button on the cookie banner; accepts every cookie category.
    "accept_all": _("Accept all"),
    "reject_all": _("Reject non-essential"),
    "save": _("Save my choices"),
}

COOKIE_CATEGORIES = {
    "essential": (
        _("Essential"),
        _("Needed for sign-in, security and remembering your choices. Always on."),
    ),
    "analytics": (
        _("Analytics"),
        _("Help us understand which pages work and which don't. No ads, no selling."),
    ),
    "personalization": (
        _("Personalization"),
        _("Remember your searches to suggest better job matches."),
    ),
}

# Translators: state of a toggle switch in the cookie settings.
TOGGLE_ON = pgettext("toggle", "On")
TOGGLE_OFF = pgettext("toggle", "Off")

CONSENT_PROMPTS = {
    "ai_matching": _(
        "Allow us to use your résumé to recommend jobs with our matching model. "
        "<strong>A person always makes the hiring decision.</strong>"
    ),
    "transfer_notice": _(
        'Your data may be stored in {region}. <a href="{url}">Learn how we protect it</a>.'
    ),
    "required": _("You need to accept the terms to create an account."),
    "withdraw": _("You can withdraw your consent at any time in Privacy settings."),
}


DO_NOT_SELL = _("Do not sell or share my personal information")
DO_NOT_SELL_DONE = _("Done. We won't sell or share your personal information.")


def talent_pool_consent(company: str, months: int) -> str:
    return ngettext(
        "Keep my application in {company}'s talent pool for up to {count} month.",
        "Keep my application in {company}'s talent pool for up to {count} months.",
        months,
    ).format(company=company, count=months)
