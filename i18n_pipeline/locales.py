"""Locale tags: the canonical BCP 47 form, catalog identifiers and fallback chains.

Catalog directories are named by babel identifiers (``zh_Hans``); bundles, the
manifest and the API use BCP 47 tags (``zh-Hans``). Every tag that enters the
pipeline passes :func:`canonicalize`, so ``iw``, ``zh_hant_hk`` and ``cmn-Hans``
are spelled one way everywhere (``he``, ``zh-Hant-HK``, ``zh-Hans``).

Fallback chains
---------------
:func:`resolution_chain` answers "which shipped locales does a client try, in
order, for this tag": the best shipped match first, the source language last.
Two tags *match* when their maximized forms (CLDR likely subtags, through
langcodes) agree, so a shipped ``zh-Hans`` answers ``zh-CN``, ``zh-SG`` and
``zh``, and a shipped ``pt`` answers ``pt-BR``. The candidates, in order:

1. the tag itself, extensions (``-u-ca-...``) and private use dropped;
2. the tag without its variants (``de-CH-1996`` -> ``de-CH``);
3. its regional CLDR parents (``es-MX`` -> ``es-419``, ``en-GB`` -> ``en-001``,
   ``zh-Hant-MO`` -> ``zh-Hant-HK``);
4. language and script without the region (``zh-HK`` -> ``zh-Hant``, ``pt-PT`` -> ``pt``,
   ``es-419`` -> ``es``). The script stays, so ``sr-Latn`` never falls back to Cyrillic
   ``sr`` and ``zh-Hant`` never to ``zh`` (which is Simplified);
5. the language's CLDR parents (``nb`` -> ``no``);
6. the source language, always last.

An override in ``matrix.fallbacks`` (tag -> the tags after it) wins over the
computed steps: when the requested tag, or a shipped tag the walk reaches, has
one, the override's shipped tags follow it and the walk stops. Override targets
that a region does not ship are skipped, because what is shipped differs by
region while the overrides are global.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import langcodes
from babel.core import get_global
from langcodes.tag_parser import LanguageTagError

from i18n_pipeline.errors import LocaleError

log = logging.getLogger(__name__)

_EXAMPLES = "a BCP 47 tag such as 'pt-BR', 'zh-Hant' or 'sr-Latn'"


class _Key(NamedTuple):
    """A tag's maximized subtags: what two tags must share to match."""

    language: str
    script: str | None
    territory: str | None
    variants: tuple[str, ...] = ()


@lru_cache(maxsize=4096)
def canonicalize(tag: str) -> str:
    """The canonical BCP 47 spelling of ``tag``; raises :class:`LocaleError` if malformed.

    Case is normalized, underscores become hyphens, deprecated codes and
    macrolanguage members take their modern form.

    >>> canonicalize("zh_hant_hk")
    'zh-Hant-HK'
    >>> canonicalize("iw"), canonicalize("cmn-Hans"), canonicalize("EN-gb")
    ('he', 'zh-Hans', 'en-GB')
    >>> canonicalize("en--US")
    Traceback (most recent call last):
    ...
    i18n_pipeline.errors.LocaleError: malformed locale tag 'en--US': ...
    """
    text = tag.strip()
    if not text:
        raise LocaleError(tag, f"empty locale tag; expected {_EXAMPLES}")
    try:
        standard = langcodes.standardize_tag(text, macro=True)
    except LanguageTagError as exc:
        raise LocaleError(
            tag, f"malformed locale tag {tag!r}: {exc}; expected {_EXAMPLES}"
        ) from None
    if not langcodes.Language.get(standard).is_valid():
        raise LocaleError(
            tag,
            f"unknown locale tag {tag!r}: its language, script or region is not in the "
            f"IANA subtag registry; expected {_EXAMPLES}",
        )
    return standard


def to_bcp47(catalog_id: str) -> str:
    """The BCP 47 tag for a catalog identifier (a babel locale such as ``zh_Hans``).

    >>> to_bcp47("zh_Hans"), to_bcp47("pt_BR"), to_bcp47("en")
    ('zh-Hans', 'pt-BR', 'en')
    """
    return canonicalize(catalog_id)


def to_catalog_id(tag: str) -> str:
    """The catalog identifier (babel form) for ``tag``; extensions are dropped.

    >>> to_catalog_id("zh-Hans"), to_catalog_id("pt-br"), to_catalog_id("de-CH-1996")
    ('zh_Hans', 'pt_BR', 'de_CH_1996')
    >>> to_catalog_id("en-US-u-ca-gregory")
    'en_US'
    """
    language = langcodes.Language.get(canonicalize(tag))
    if language.language is None or language.language.startswith("x-"):
        raise LocaleError(tag, f"locale tag {tag!r} names no language, so no catalog can hold it")
    parts = [language.language, language.script, language.territory, *(language.variants or ())]
    return "_".join(part for part in parts if part)


def resolution_chain(
    tag: str,
    available: Sequence[str],
    source: str,
    overrides: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """The shipped tags a client tries for ``tag``, best first, ending at ``source``.

    ``available`` are the tags shipped (BCP 47 or catalog identifiers); the
    result holds their canonical spellings, each once. ``source`` ends every
    chain, shipped or not, since the source strings are always there.

    >>> shipped = ["en", "zh-Hans", "zh-Hant", "pt", "es"]
    >>> resolution_chain("zh-HK", shipped, "en")
    ['zh-Hant', 'en']
    >>> resolution_chain("zh-CN", shipped, "en"), resolution_chain("pt-BR", shipped, "en")
    (['zh-Hans', 'en'], ['pt', 'en'])
    >>> resolution_chain("ko", shipped, "en")
    ['en']
    >>> resolution_chain("zh-HK", shipped, "en", {"zh-Hant": ["zh-Hans"]})
    ['zh-Hant', 'zh-Hans', 'en']
    """
    request = canonicalize(tag)
    root = canonicalize(source)
    shipped = _Shipped([*available, root])
    table = _override_table(overrides or {})

    chain: list[str] = []
    if request in table:
        chain += shipped.matching(_key(request))
        chain += shipped.exact_all(table[request])
        return _ending_at(chain, root)
    for key in _candidate_keys(request):
        for match in shipped.matching(key):
            chain.append(match)
            if match in table:
                chain += shipped.exact_all(table[match])
                return _ending_at(chain, root)
    return _ending_at(chain, root)


def fallback_chain(
    tag: str,
    available: Sequence[str],
    source: str,
    overrides: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """The shipped tags tried *after* ``tag`` itself: the manifest's ``fallback`` list.

    This is :func:`resolution_chain` without its first element when that
    element is ``tag`` (the locale is shipped); for the source language it is
    empty.

    >>> shipped = ["en", "zh-Hans", "zh-Hant-HK", "zh-Hant"]
    >>> fallback_chain("zh-Hant-HK", shipped, "en")
    ['zh-Hant', 'en']
    >>> fallback_chain("zh_Hans", shipped, "en"), fallback_chain("en", shipped, "en")
    (['en'], [])
    """
    chain = resolution_chain(tag, available, source, overrides)
    if chain and chain[0] == canonicalize(tag):
        return chain[1:]
    return chain


class _Shipped:
    """The shipped tags, indexed by their maximized subtags."""

    def __init__(self, tags: Iterable[str]) -> None:
        self._by_key: dict[_Key, list[str]] = {}
        for tag in tags:
            canonical = canonicalize(tag)
            entries = self._by_key.setdefault(_key(canonical), [])
            if canonical not in entries:
                entries.append(canonical)

    def matching(self, key: _Key) -> list[str]:
        return list(self._by_key.get(key, ()))

    def exact_all(self, tags: Sequence[str]) -> list[str]:
        found = [match for tag in tags for match in self.matching(_key(tag))]
        if len(found) < len(tags):
            log.debug("fallback override targets not shipped here were skipped: %s", tags)
        return found


def _override_table(overrides: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for key, targets in overrides.items():
        try:
            table[canonicalize(key)] = [canonicalize(target) for target in targets]
        except LocaleError as exc:
            raise LocaleError(exc.tag, f"fallback override for {key!r}: {exc.message}") from None
    return table


def _ending_at(chain: list[str], root: str) -> list[str]:
    """``chain`` without repeats, the source language moved to the end."""
    return [tag for tag in dict.fromkeys(chain) if tag != root] + [root]


@lru_cache(maxsize=4096)
def _key(tag: str) -> _Key:
    language = langcodes.Language.get(tag).maximize()
    return _Key(
        language.language or "und",
        language.script,
        language.territory,
        tuple(language.variants or ()),
    )


@lru_cache(maxsize=4096)
def _candidate_keys(tag: str) -> tuple[_Key, ...]:
    """The keys of candidate steps 1-5 of the module docstring, in order, each once."""
    parsed = langcodes.Language.get(tag)
    if parsed.language is not None and parsed.language.startswith("x-"):
        return ()
    if parsed.language is None and parsed.script is None and parsed.territory is None:
        return ()  # bare "und": nothing but the source language fits

    full = _key(tag)
    region_level, language_level = _cldr_parents(full)
    steps = [full, full._replace(variants=())]
    steps += [_key(parent) for parent in region_level]
    steps.append(_key(f"{full.language}-{full.script}") if full.script else _key(full.language))
    steps += [_key(parent) for parent in language_level]
    return tuple(dict.fromkeys(steps))


def _cldr_parents(key: _Key) -> tuple[list[str], list[str]]:
    """CLDR parents that are not truncations: of the regional tag, and of the language.

    ``es-MX`` has the regional parent ``es-419``; ``nb`` has the language
    parent ``no``, reached only after the regional steps are used up.
    """
    default_script = _key(key.language).script == key.script
    regional = [f"{key.language}_{key.script}_{key.territory}"]
    general = [f"{key.language}_{key.script}"]
    if default_script:
        regional.append(f"{key.language}_{key.territory}")
        general.append(key.language)
    return _parents_of(regional), _parents_of(general)


def _parents_of(names: Sequence[str]) -> list[str]:
    exceptions: Mapping[str, str] = get_global("parent_exceptions")
    parents: list[str] = []
    current = next((exceptions[name] for name in names if name in exceptions), None)
    while current is not None and current != "root" and current not in parents:
        parents.append(current.replace("_", "-"))
        current = exceptions.get(current)
    return parents
