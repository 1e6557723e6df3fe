"""What the release needs to know about each catalog, cached by content hash.

A :class:`CatalogDigest` holds one catalog's check errors, its counts and the
state of every message (translated, fuzzy, untranslated). Digests are cached
under ``<var>/cache/catalogs`` keyed by the SHA-256 of the PO file and of the
code that computes them, so a rebuild parses only the catalogs that changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog, Message

from i18n_pipeline import checks, stats
from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CatalogError
from i18n_pipeline.layout import catalog_path, template_path
from i18n_pipeline.pofile import read_catalog, write_bytes_atomic

log = logging.getLogger(__name__)

State = Literal["translated", "fuzzy", "untranslated"]

#: Catalogs parsed during one build, by (locale, domain).
Parsed = dict[tuple[str, str], Catalog]

_PACKAGE = Path(__file__).resolve().parents[1]
#: Modules whose code decides what a release holds; a change in them invalidates caches.
_CODE = (
    "release",
    "bundles",
    "compliance",
    "stats.py",
    "checks.py",
    "locales.py",
    "artifacts.py",
    "manifest.py",
    "pofile.py",
    "config.py",
)


@lru_cache(maxsize=1)
def code_sha256() -> str:
    """SHA-256 over the source of the modules that shape release files."""
    digest = hashlib.sha256()
    for name in _CODE:
        base = _PACKAGE / name
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base]
        for path in files:
            if path.is_file():
                digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def message_key(message: Message) -> str:
    """The key a client looks a message up by: msgid, prefixed ``msgctxt|`` when it has one.

    >>> message_key(Message("Save")), message_key(Message("May", context="month"))
    ('Save', 'month|May')
    >>> message_key(Message(("{n} job", "{n} jobs")))
    '{n} job'
    """
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return f"{message.context}|{msgid}" if message.context else str(msgid)


@dataclass(frozen=True)
class CatalogDigest:
    """One catalog as the release sees it.

    ``source`` is the file read: the catalog, or the domain's template when the
    catalog is missing (then every message counts as untranslated, or as
    translated for the source language).
    """

    locale: str
    domain: str
    source: Path
    sha256: str
    stats: stats.CatalogStats
    states: dict[str, State]
    errors: tuple[str, ...]
    warnings: int
    from_template: bool

    def translated(self, key: str) -> bool:
        return self.states.get(key) == "translated"


def _states(catalog: Catalog, all_translated: bool) -> dict[str, State]:
    found: dict[str, State] = {}
    for message in catalog:
        if message.id:
            found[message_key(message)] = (
                "translated" if all_translated else stats.message_state(message)
            )
    return found


def _compute(
    settings: Settings,
    locale: str,
    domain: str,
    source: Path,
    from_template: bool,
    sha: str,
    parsed: Parsed | None,
) -> CatalogDigest:
    all_translated = locale == settings.matrix.source_locale
    try:
        catalog = read_catalog(source, locale=None if from_template else locale, domain=domain)
    except CatalogError as exc:
        error = f"{exc}"
        return CatalogDigest(
            locale, domain, source, sha, stats.CatalogStats(), {}, (error,), 0, from_template
        )
    if parsed is not None and not from_template:
        parsed[(locale, domain)] = catalog
    findings = [] if from_template else checks.check_catalog(catalog, source, locale)
    errors = tuple(f"{f.where}: {f.check}: {f.message}" for f in findings if f.severity == "error")
    return CatalogDigest(
        locale=locale,
        domain=domain,
        source=source,
        sha256=sha,
        stats=stats.catalog_stats(catalog, all_translated=all_translated),
        states=_states(catalog, all_translated),
        errors=errors,
        warnings=sum(1 for f in findings if f.severity == "warning"),
        from_template=from_template,
    )


def _to_json(digest: CatalogDigest) -> bytes:
    data = asdict(digest)
    data["source"] = str(digest.source)
    return json.dumps(data, sort_keys=True).encode()


def _from_json(raw: bytes, source: Path) -> CatalogDigest:
    data = json.loads(raw)
    data["source"] = source
    data["stats"] = stats.CatalogStats(**data["stats"])
    data["errors"] = tuple(data["errors"])
    return CatalogDigest(**data)


def catalog_source(settings: Settings, locale: str, domain: str) -> tuple[Path, bool] | None:
    """The file the release reads for ``locale``/``domain`` and whether it is the template."""
    path = catalog_path(settings.locales_path, locale, domain)
    if path.exists():
        return path, False
    template = template_path(settings.locales_path, domain)
    return (template, True) if template.exists() else None


def load_digest(
    settings: Settings, locale: str, domain: str, cache: Path, parsed: Parsed | None = None
) -> CatalogDigest | None:
    """The digest of ``locale``'s ``domain`` catalog, from the cache when its bytes are known.

    None when neither the catalog nor the domain's template exists. A catalog
    parsed to compute the digest is left in ``parsed`` for the bundle step, so
    a cold build reads each file once.
    """
    found = catalog_source(settings, locale, domain)
    if found is None:
        return None
    source, from_template = found
    try:
        sha = sha256_hex(source.read_bytes())
    except OSError as exc:
        raise CatalogError(source, None, f"cannot read: {exc.strerror}") from exc
    key = sha256_hex(f"{code_sha256()}\0{source}\0{locale}\0{domain}\0{sha}".encode())
    entry = cache / f"{key}.json"
    if entry.exists():
        try:
            return _from_json(entry.read_bytes(), source)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("ignoring damaged cache entry %s: %s", entry, exc)
    digest = _compute(settings, locale, domain, source, from_template, sha, parsed)
    write_bytes_atomic(entry, _to_json(digest))
    return digest
