"""Compiled MO bundles for server-side gettext (Python, PHP, C).

Only the messages that ship (see ``messages``) reach babel's ``write_mo``, so
a partly translated plural never shows the msgid for one count and a
translation for another. Babel writes messages sorted and without a hash
table, so the same catalog gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import cast

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo

from i18n_pipeline.bundles.messages import shippable


def render(catalog: Catalog, locale_tag: str) -> bytes:
    """The MO bytes of ``catalog``'s shippable messages (``locale_tag`` is unused by MO)."""
    shipped = {(entry.msgid, entry.context) for entry in shippable(catalog)}
    buffer = io.BytesIO()
    write_mo(buffer, cast(Catalog, _ShippedView(catalog, shipped)), use_fuzzy=False)
    return buffer.getvalue()


class _ShippedView:
    """The header and shippable messages of a catalog, without copying it.

    ``write_mo`` only iterates its catalog and reads ``charset``; this view
    offers exactly that, so the input catalog is neither copied (slow for
    large catalogs) nor changed.
    """

    def __init__(self, catalog: Catalog, shipped: set[tuple[str, str | None]]) -> None:
        self.charset = catalog.charset
        self._catalog = catalog
        self._shipped = shipped

    def __iter__(self) -> Iterator[Message]:
        for message in self._catalog:
            singular = message.id[0] if isinstance(message.id, tuple | list) else message.id
            if not message.id or (singular, message.context) in self._shipped:
                yield message
