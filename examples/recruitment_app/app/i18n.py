"""Gettext functions the backend modules import.

The catalog is looked up in the pipeline's ``locales`` directory; without a
compiled catalog the source English is returned, which keeps the sample
importable anywhere.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

DOMAIN = "messages"
LOCALEDIR = Path(os.environ.get("RECRUITMENT_LOCALEDIR", Path(__file__).parents[3] / "locales"))


def translations(language: str | None = None) -> _gettext.NullTranslations:
    """Translations for ``language`` (or the environment's), English when missing."""
    languages = [language] if language else None
    return _gettext.translation(DOMAIN, LOCALEDIR, languages=languages, fallback=True)


_active = translations()


def activate(language: str) -> None:
    """Switch the process to ``language`` (one language per worker in this sample)."""
    global _active
    _active = translations(language)


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _active.npgettext(context, singular, plural, n)
