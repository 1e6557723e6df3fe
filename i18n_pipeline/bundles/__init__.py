"""Bundles: one catalog rendered for clients, one module per format.

Each format is a pure function ``(catalog, locale_tag) -> bytes`` whose output
depends only on its input, so the same catalog always gives the same bytes and
the same content-hashed file name. :data:`FORMATS` lists them;
:func:`bundle_artifacts` names the files of one region, locale and domain for
the release builder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from babel.messages.catalog import Catalog

from i18n_pipeline.artifacts import Artifact
from i18n_pipeline.bundles import gettext_json, i18next, mo
from i18n_pipeline.errors import BundleError
from i18n_pipeline.locales import canonicalize

Renderer = Callable[[Catalog, str], bytes]


@dataclass(frozen=True)
class BundleFormat:
    """A bundle format: its name (manifest ``format``), file suffix and renderer."""

    name: str
    suffix: str
    media_type: str
    render: Renderer


FORMATS: Mapping[str, BundleFormat] = MappingProxyType(
    {
        "i18next": BundleFormat("i18next", "i18next.json", "application/json", i18next.render),
        "gettext": BundleFormat("gettext", "gettext.json", "application/json", gettext_json.render),
        "mo": BundleFormat("mo", "mo", "application/octet-stream", mo.render),
    }
)


def bundle_format(fmt: str) -> BundleFormat:
    """The format called ``fmt``; :class:`BundleError` lists the known ones.

    >>> bundle_format("mo").suffix
    'mo'
    """
    try:
        return FORMATS[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise BundleError(f"unknown bundle format {fmt!r}; known formats: {known}") from None


def render_bundle(catalog: Catalog, locale_tag: str, fmt: str) -> bytes:
    """``catalog`` rendered in format ``fmt`` for ``locale_tag``."""
    return bundle_format(fmt).render(catalog, canonicalize(locale_tag))


def bundle_name(region: str, locale_tag: str, domain: str, fmt: str) -> str:
    """The logical file name of a bundle inside a release, before content hashing.

    >>> bundle_name("apac", "zh_Hans", "messages", "i18next")
    'apac/zh-Hans/messages.i18next.json'
    """
    return f"{region}/{canonicalize(locale_tag)}/{domain}.{bundle_format(fmt).suffix}"


def bundle_artifacts(
    catalog: Catalog,
    region: str,
    locale_tag: str,
    domain: str,
    formats: Sequence[str] | None = None,
) -> list[Artifact]:
    """One :class:`Artifact` per format for ``catalog`` in ``region``.

    ``formats`` picks and orders the formats; by default all of
    :data:`FORMATS`, in its order.
    """
    names = list(FORMATS) if formats is None else [bundle_format(fmt).name for fmt in formats]
    return [
        Artifact(
            name=bundle_name(region, locale_tag, domain, name),
            data=render_bundle(catalog, locale_tag, name),
            kind="bundle",
            format=name,
            domain=domain,
        )
        for name in names
    ]


__all__ = [
    "FORMATS",
    "BundleFormat",
    "bundle_artifacts",
    "bundle_format",
    "bundle_name",
    "render_bundle",
]
