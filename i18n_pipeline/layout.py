"""Where catalogs live: ``<locales>/<locale>/LC_MESSAGES/<domain>.po``.

One place knows the layout so that no module builds these paths by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class CatalogRef:
    """One catalog: its locale (babel identifier), domain and file."""

    locale: str
    domain: str
    path: Path


def catalog_path(locales_dir: Path, locale: str, domain: str) -> Path:
    """Path of the PO file for ``locale`` and ``domain``.

    >>> catalog_path(Path("locales"), "zh_Hans", "messages").as_posix()
    'locales/zh_Hans/LC_MESSAGES/messages.po'
    """
    return locales_dir / locale / "LC_MESSAGES" / f"{domain}.po"


def template_path(locales_dir: Path, domain: str) -> Path:
    """Path of the POT template for ``domain``.

    >>> template_path(Path("locales"), "notices").as_posix()
    'locales/notices.pot'
    """
    return locales_dir / f"{domain}.pot"


def mo_path(po_path: Path) -> Path:
    """The compiled MO file beside a PO file."""
    return po_path.with_suffix(".mo")


def iter_catalogs(
    locales_dir: Path, locales: tuple[str, ...] | list[str], domains: tuple[str, ...] | list[str]
) -> Iterator[CatalogRef]:
    """Every existing catalog for the given locales and domains, sorted."""
    for locale in sorted(locales):
        for domain in sorted(domains):
            path = catalog_path(locales_dir, locale, domain)
            if path.exists():
                yield CatalogRef(locale, domain, path)
