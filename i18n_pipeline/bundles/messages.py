"""What every bundle format shares: which messages ship, and stable JSON bytes.

A bundle carries only messages a client can use as they stand: translated in
full and not fuzzy. Everything else is left out so the client falls back along
its chain instead of showing an empty or doubtful string. A plural message with
any empty form is left out whole, so one count never shows a translation while
another shows the fallback language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from i18n_pipeline.errors import BundleError


@dataclass(frozen=True)
class Entry:
    """One shippable message: singular text, or the forms of a plural."""

    msgid: str
    context: str | None
    text: str | None = None
    forms: tuple[str, ...] = ()

    @property
    def plural(self) -> bool:
        return bool(self.forms)


def shippable(catalog: Catalog) -> list[Entry]:
    """The messages of ``catalog`` a bundle carries, sorted by context and msgid.

    Raises :class:`BundleError` for a plural message whose number of forms is
    not the catalog's ``nplurals`` (msgfmt rejects such files too).
    """
    entries = [_entry(catalog, message) for message in catalog if _ships(message)]
    return sorted(entries, key=lambda entry: (entry.context or "", entry.msgid))


def json_bytes(document: Mapping[str, object]) -> bytes:
    """``document`` as UTF-8 JSON: sorted keys, two-space indent, trailing newline.

    >>> json_bytes({"b": "é", "a": ["x"]})
    b'{\\n  "a": [\\n    "x"\\n  ],\\n  "b": "\\xc3\\xa9"\\n}\\n'
    """
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _ships(message: Message) -> bool:
    if not message.id or message.fuzzy:
        return False
    if message.pluralizable:
        return isinstance(message.string, tuple | list) and all(message.string)
    return bool(message.string)


def _entry(catalog: Catalog, message: Message) -> Entry:
    if not message.pluralizable:
        return Entry(str(message.id), message.context, text=str(message.string))

    forms = tuple(str(form) for form in message.string or ())
    if len(forms) != catalog.num_plurals:
        where = f"line {message.lineno}" if message.lineno else "a plural message"
        raise BundleError(
            f"{catalog.domain or 'catalog'} ({catalog.locale_identifier}), {where}: "
            f"msgid {message.id[0]!r} has {len(forms)} plural forms but the header's "
            f"Plural-Forms says nplurals={catalog.num_plurals}; add or remove msgstr[n] lines"
        )
    return Entry(str(message.id[0]), message.context, forms=forms)
