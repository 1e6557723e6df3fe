"""Compiled MO bundles for server-side gettext (Python, PHP, C).

The catalog is reduced to the messages that ship (see ``messages``) before
babel's ``write_mo`` compiles it, so a partly translated plural never shows
the msgid for one count and a translation for another. Babel writes messages
sorted and without a hash table, so the same catalog gives the same bytes.
"""

from __future__ import annotations

import copy
import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from i18n_pipeline.bundles.messages import shippable


def render(catalog: Catalog, locale_tag: str) -> bytes:
    """The MO bytes of ``catalog``'s shippable messages (``locale_tag`` is unused by MO)."""
    shipped = {(entry.msgid, entry.context) for entry in shippable(catalog)}
    reduced = copy.deepcopy(catalog)
    for message in list(reduced):
        singular = message.id[0] if isinstance(message.id, tuple | list) else message.id
        if message.id and (singular, message.context) not in shipped:
            reduced.delete(message.id, context=message.context)
    reduced.obsolete.clear()

    buffer = io.BytesIO()
    write_mo(buffer, reduced, use_fuzzy=False)
    return buffer.getvalue()
