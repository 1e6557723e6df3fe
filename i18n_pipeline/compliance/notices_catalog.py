"""The ``notices`` catalog of one locale, and the gettext callables a notice renders with.

The callables fill brace placeholders (numbers in the locale's digits and
separators) and record every message they are asked for with its state
(translated, fuzzy, missing, or a translation with a foreign placeholder):
that record is what the legal gate decides on.
"""

from __future__ import annotations

import gettext as gettext_module
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.numbers import format_decimal

from i18n_pipeline import locales
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import LocaleError
from i18n_pipeline.layout import catalog_path
from i18n_pipeline.pofile import read_catalog

log = logging.getLogger(__name__)

DOMAIN = "notices"
_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")

MessageKey = tuple[str | None, str]
MessageState = Literal["translated", "fuzzy", "missing", "invalid"]


def catalog_id_of(locale: str) -> str:
    """A catalog id for a BCP 47 tag or catalog id: ``zh-Hans`` -> ``zh_Hans``."""
    return locales.to_catalog_id(locale)


def babel_locale(catalog_id: str) -> Locale:
    """The CLDR locale of a catalog id; :class:`LocaleError` when CLDR does not know it."""
    try:
        return Locale.parse(catalog_id)
    except (UnknownLocaleError, ValueError) as exc:
        raise LocaleError(catalog_id, f"locale {catalog_id!r} is unknown to CLDR: {exc}") from None


def _fill(text: str, values: dict[str, Any], locale: Locale) -> str:
    """Replace ``{name}`` placeholders; numbers in the locale's digits and separators.

    >>> _fill("within {count} days, {who}", {"count": 1000, "who": "x\\ny"}, Locale("de"))
    'within 1.000 days, x y'
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        item = values[name]
        if isinstance(item, int) and not isinstance(item, bool):
            return format_decimal(item, locale=locale)
        return " ".join(str(item).split())

    return _PLACEHOLDER_RE.sub(value, text)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER_RE.findall(text))


def _english_plural(n: int) -> int:
    return 0 if n == 1 else 1


@dataclass
class NoticeTranslations:
    """The ``notices`` catalog of one locale, or the source language (``catalog=None``).

    A message without a usable translation renders as its English source, so a
    preview always works; :class:`MessageLookup` records which messages were used and
    in what state, which is what the legal gate decides on.
    """

    locale: str
    catalog: Catalog | None = None
    path: Path | None = None

    @classmethod
    def load(cls, settings: Settings, locale: str) -> NoticeTranslations:
        """The catalog for ``locale`` (catalog id or BCP 47); empty when it has none yet."""
        catalog_id = catalog_id_of(locale)
        if catalog_id == settings.matrix.source_locale:
            return cls(catalog_id)
        path = catalog_path(settings.locales_path, catalog_id, DOMAIN)
        if not path.exists():
            log.debug("no %s catalog for %s at %s", DOMAIN, catalog_id, path)
            return cls(catalog_id, Catalog(locale=babel_locale(catalog_id), domain=DOMAIN))
        return cls(catalog_id, read_catalog(path, locale=catalog_id, domain=DOMAIN), path)

    @property
    def is_source(self) -> bool:
        return self.catalog is None

    def plural_index(self, n: int) -> int:
        if self.catalog is None:
            return _english_plural(n)
        return int(_plural_function(self.catalog.plural_expr)(n))

    def state(self, context: str | None, msgid: str) -> tuple[MessageState, str | tuple[str, ...]]:
        """The state of one message and its usable translation (or "" when none)."""
        if self.catalog is None:
            return "translated", ""
        message = self.catalog.get(msgid, context=context)
        if message is None:
            return "missing", ""
        forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not all(forms):
            return "missing", ""
        if message.fuzzy:
            return "fuzzy", ""
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        wanted = set().union(*(_placeholders(str(i)) for i in ids))
        if any(_placeholders(str(form)) - wanted for form in forms):
            return "invalid", ""
        return "translated", tuple(str(f) for f in forms) if len(ids) > 1 else str(forms[0])


@lru_cache(maxsize=64)
def _plural_function(expr: str) -> Callable[[int], int]:
    return gettext_module.c2py(expr)


class MessageLookup:
    """The gettext callables for one rendering; records every message they are asked for."""

    def __init__(self, translations: NoticeTranslations, locale: Locale) -> None:
        self.translations = translations
        self.locale = locale
        self.used: dict[MessageKey, MessageState] = {}

    def _find(self, context: str | None, msgid: str) -> str | tuple[str, ...]:
        state, string = self.translations.state(context, msgid)
        self.used.setdefault((context, msgid), state)
        return string

    def gettext(self, msgid: str, **values: Any) -> str:
        found = self._find(None, msgid)
        return _fill(found if isinstance(found, str) and found else msgid, values, self.locale)

    def pgettext(self, context: str, msgid: str, **values: Any) -> str:
        found = self._find(context, msgid)
        return _fill(found if isinstance(found, str) and found else msgid, values, self.locale)

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        found = self._find(None, singular)
        if isinstance(found, (list, tuple)) and found:
            index = min(self.translations.plural_index(n), len(found) - 1)
            text = found[index]
        else:
            text = singular if _english_plural(n) == 0 else plural
        return _fill(text, {"num": n, **values}, self.locale)

    def callables(self) -> dict[str, Callable[..., str]]:
        return {
            "_": self.gettext,
            "gettext": self.gettext,
            "ngettext": self.ngettext,
            "pgettext": self.pgettext,
        }
