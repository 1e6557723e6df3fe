"""gettext JSON bundles, for server-side and JavaScript gettext consumers.

The document maps each msgid to its msgstr, or to the list of its plural forms
in gettext order; a message with msgctxt is keyed ``msgctxt + "\\u0004" +
msgid``, the separator gettext itself uses in MO files. The key ``""`` holds
the header: ``language`` (BCP 47) and ``plural-forms``, so a client picks
forms with the same rule as the catalog. Placeholders stay as ``{name}``.
Untranslated and fuzzy messages are left out.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog

from i18n_pipeline.bundles.messages import Entry, json_bytes, shippable
from i18n_pipeline.locales import canonicalize

CONTEXT_SEPARATOR = "\x04"


def render(catalog: Catalog, locale_tag: str) -> bytes:
    """The gettext JSON bundle of ``catalog`` for ``locale_tag``, as bytes."""
    return json_bytes(document(catalog, locale_tag))


def document(catalog: Catalog, locale_tag: str) -> dict[str, object]:
    """The gettext JSON document before encoding."""
    body: dict[str, object] = {
        "": {"language": canonicalize(locale_tag), "plural-forms": catalog.plural_forms}
    }
    for entry in shippable(catalog):
        body[gettext_key(entry.msgid, entry.context)] = _value(entry)
    return body


def gettext_key(msgid: str, context: str | None = None) -> str:
    """The key gettext uses for a message: the msgid, after its context and EOT.

    >>> gettext_key("Open"), gettext_key("Open", "menu")
    ('Open', 'menu\\x04Open')
    """
    return f"{context}{CONTEXT_SEPARATOR}{msgid}" if context is not None else msgid


def _value(entry: Entry) -> str | list[str]:
    return list(entry.forms) if entry.plural else entry.text or ""
