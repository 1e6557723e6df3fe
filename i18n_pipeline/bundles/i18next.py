"""i18next v4 JSON bundles (the format of ``compatibilityJSON: "v4"``).

Key rules, which the client relies on (it sets ``keySeparator: false`` and
``nsSeparator: false``, so dots and colons in msgids are plain text):

- a message's key is its msgid, verbatim;
- a message with msgctxt gets i18next's context suffix: ``<msgid>_<msgctxt>``
  (``contextSeparator`` ``_``), chosen by ``t(key, {context})``;
- a plural message is one key per CLDR plural category of the *target*
  locale, ``<msgid>_<category>`` (``_one``, ``_few``, ...), from the msgid
  singular; with a context, ``<msgid>_<msgctxt>_<category>``. The form for each
  category comes from the catalog's own Plural-Forms (see ``plurals``);
- brace placeholders ``{name}`` become i18next's ``{{name}}``; ``{{`` and
  ``}}`` (literal braces in brace formatting) become single braces. Known gap:
  placeholders with a conversion, a format spec or a position (``{count:d}``,
  ``{0}``) stay as written, so i18next shows them literally; the catalog checks
  are where such placeholders should be refused;
- untranslated and fuzzy messages are left out, so the client falls back.

Two messages that would share one key stop the build with :class:`BundleError`.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog

from i18n_pipeline.bundles.messages import Entry, json_bytes, shippable
from i18n_pipeline.bundles.plurals import catalog_plural_map
from i18n_pipeline.errors import BundleError
from i18n_pipeline.locales import canonicalize

_BRACES = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render(catalog: Catalog, locale_tag: str) -> bytes:
    """The i18next v4 JSON bundle of ``catalog`` for ``locale_tag``, as bytes."""
    return json_bytes(resources(catalog, locale_tag))


def resources(catalog: Catalog, locale_tag: str) -> dict[str, str]:
    """The flat key -> text mapping of one i18next namespace."""
    tag = canonicalize(locale_tag)
    entries = shippable(catalog)
    categories = catalog_plural_map(catalog, tag) if any(e.plural for e in entries) else {}

    keys: dict[str, str] = {}
    owners: dict[str, Entry] = {}
    for entry in entries:
        for key, text in _pairs(entry, categories):
            if key in keys:
                raise _collision(key, owners[key], entry)
            keys[key] = to_i18next_placeholders(text)
            owners[key] = entry
    return keys


def i18next_key(msgid: str, context: str | None = None, category: str | None = None) -> str:
    """The i18next key of a message, a context and a plural category.

    >>> i18next_key("Open")
    'Open'
    >>> i18next_key("Open", "menu"), i18next_key("{count} files", None, "few")
    ('Open_menu', '{count} files_few')
    >>> i18next_key("{count} files", "upload", "one")
    '{count} files_upload_one'
    """
    return "_".join(part for part in (msgid, context, category) if part is not None)


def to_i18next_placeholders(text: str) -> str:
    """Rewrite brace placeholders to i18next interpolation.

    >>> to_i18next_placeholders("Hello {name}, {count} new")
    'Hello {{name}}, {{count}} new'
    >>> to_i18next_placeholders("a {{literal}} brace, {0} stays")
    'a {literal} brace, {0} stays'
    """
    return _BRACES.sub(_rewrite, text)


def _rewrite(match: re.Match[str]) -> str:
    token = match.group(0)
    if token in ("{{", "}}"):
        return token[0]
    return "{{" + match.group(1) + "}}"


def _pairs(entry: Entry, categories: dict[str, int]) -> list[tuple[str, str]]:
    if not entry.plural:
        return [(i18next_key(entry.msgid, entry.context), entry.text or "")]
    return [
        (i18next_key(entry.msgid, entry.context, category), entry.forms[index])
        for category, index in categories.items()
    ]


def _collision(key: str, first: Entry, second: Entry) -> BundleError:
    def describe(entry: Entry) -> str:
        context = f" (msgctxt {entry.context!r})" if entry.context else ""
        return f"msgid {entry.msgid!r}{context}"

    return BundleError(
        f"i18next key {key!r} would hold both {describe(first)} and {describe(second)}; "
        "reword one msgid or give it a different msgctxt"
    )
