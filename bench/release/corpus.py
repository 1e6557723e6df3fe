"""A synthetic project for release benchmarks: N locales x M messages of PO catalogs.

Every catalog is valid for GNU msgfmt and passes ``i18n check`` (placeholders
kept, the locale's own CLDR plural forms), with a deterministic 85-100 %
completion and some fuzzy entries, so gates, fallback exposure and bundles
all do real work.
"""

from __future__ import annotations

import io
import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml
from babel.localedata import locale_identifiers
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from i18n_pipeline.bundles.plurals import plural_map
from i18n_pipeline.errors import PipelineError
from i18n_pipeline.layout import catalog_path, template_path
from i18n_pipeline.locales import canonicalize

WHEN = datetime(2026, 12, 3, 20, 0, tzinfo=UTC)
WORDS = (
    "job",
    "candidate",
    "profile",
    "résumé",
    "interview",
    "employer",
    "offer",
    "search",
    "upload",
    "schedule",
    "region",
    "notice",
    "consent",
    "account",
    "message",
    "team",
)


def corpus_locales(count: int) -> list[str]:
    """``count`` babel locale ids with two-letter languages, ``en`` first."""
    ids = sorted(i for i in locale_identifiers() if len(i) == 2 and i != "en")
    usable = [i for i in ids if canonicalize(i) == i and _plurals_agree(i)]
    if len(usable) < count - 1:
        raise SystemExit(f"babel knows only {len(usable) + 1} usable locales, not {count}")
    return ["en", *usable[: count - 1]]


def _plurals_agree(locale: str) -> bool:
    """Whether babel's Plural-Forms for ``locale`` match CLDR (bundles refuse others)."""
    catalog = Catalog(locale=locale)
    try:
        plural_map(locale, catalog.num_plurals, catalog.plural_expr)
    except PipelineError:
        return False
    return True


def _messages(count: int) -> list[tuple[str | tuple[str, str], str | None]]:
    rng = random.Random(1)
    found: list[tuple[str | tuple[str, str], str | None]] = []
    for n in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 9)))
        if n % 10 == 0:
            found.append(((f"{{count}} {words} {n}", f"{{count}} {words} {n}s"), None))
        elif n % 7 == 0:
            found.append((f"Hello {{name}}, {words} {n}", "greeting"))
        else:
            found.append((f"{words.capitalize()} {n}", None))
    return found


def _catalog(locale: str | None) -> Catalog:
    catalog = Catalog(
        locale=locale,
        project="bench",
        version="1.0",
        copyright_holder="bench",
        msgid_bugs_address="i18n@example.com",
        creation_date=WHEN,
        revision_date=WHEN,
        last_translator="bench <i18n@example.com>",
        language_team=locale or "none",
    )
    catalog.fuzzy = False
    return catalog


def _translate(text: str, locale: str) -> str:
    return f"{text} [{locale}]"


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=79)
    path.write_bytes(buffer.getvalue())


def write_locale(locales_dir: Path, locale: str, messages: list, source: str) -> None:
    rng = random.Random(locale)
    catalog = _catalog(locale)
    done = 1.0 if locale == source else rng.uniform(0.85, 1.0)
    for msgid, context in messages:
        translated = locale != source and rng.random() < done
        fuzzy = translated and rng.random() < 0.01
        if isinstance(msgid, tuple):
            forms = [msgid[0], *([msgid[1]] * (catalog.num_plurals - 1))]
            string: str | tuple[str, ...] = (
                tuple(_translate(f, locale) for f in forms)
                if translated
                else ("",) * catalog.num_plurals
            )
        else:
            string = _translate(msgid, locale) if translated else ""
        catalog.add(msgid, string, context=context, flags=["fuzzy"] if fuzzy else [])
    _write(catalog, catalog_path(locales_dir, locale, "messages"))


def build_corpus(root: Path, locale_count: int, message_count: int, regions_yaml: Path) -> Path:
    """Write the project under ``root`` (replacing it); returns ``root``."""
    shutil.rmtree(root, ignore_errors=True)
    locales_dir = root / "locales"
    locales_dir.mkdir(parents=True)
    shutil.copy(regions_yaml, locales_dir / "regions.yaml")
    regions = list(yaml.safe_load(regions_yaml.read_text())["regions"])
    locales = corpus_locales(locale_count)
    messages = _messages(message_count)
    template = _catalog(None)
    for msgid, context in messages:
        template.add(msgid, context=context)
    _write(template, template_path(locales_dir, "messages"))
    for locale in locales:
        write_locale(locales_dir, locale, messages, "en")
    languages = [
        {"locale": "en", "name": "English", "priority": "P0", "target": 1.0, "regions": regions}
    ] + [
        {
            "locale": locale,
            "name": locale,
            "priority": "P1",
            "target": 0.8,
            "regions": [regions[n % len(regions)]],
        }
        for n, locale in enumerate(locales[1:])
    ]
    matrix = {
        "source_locale": "en",
        "gate_metric": "messages",
        "domains": ["messages"],
        "gates": {"P0": "block", "P1": "warn", "P2": "exclude"},
        "languages": languages,
    }
    (locales_dir / "matrix.yaml").write_text(yaml.safe_dump(matrix, sort_keys=False))
    return root
