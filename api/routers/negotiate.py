"""``GET /v1/negotiate?region=``: the locale to serve for an ``Accept-Language`` header."""

from __future__ import annotations

from typing import Annotated

import langcodes
from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from api.caching import Content, Resource
from api.deps import respond, snapshot
from api.errors import ErrorBody
from api.release_cache import ReleaseSnapshot
from api.routers.bundles import served_chain
from i18n_pipeline.errors import LocaleError
from i18n_pipeline.locales import canonicalize

router = APIRouter(tags=["negotiation"])

_MAX_RANGES = 32


class Negotiated(BaseModel):
    """The locale chosen and where its bundle is."""

    release_id: str
    region: str
    requested: list[str] = Field(description="Acceptable tags, best first (q=0 left out).")
    matched: str | None = Field(description="The requested tag that decided, or none.")
    locale: str = Field(description="The shipped locale to serve.")
    fallback: list[str] = Field(description="Shipped locales tried after it.")
    bundle_url: str
    file_url: str | None = Field(description="The immutable i18next file of that locale.")


def parse_accept_language(header: str | None) -> list[str]:
    """Language ranges by descending q (ties keep their order); ``*``, q=0 and junk dropped.

    >>> parse_accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")
    ['fr-CH', 'fr', 'en', 'de']
    >>> parse_accept_language("da, en-gb;q=0.8, en;q=0")
    ['da', 'en-gb']
    """
    ranges: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")[:_MAX_RANGES]):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and 0 < quality <= 1:
            ranges.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(ranges)]


def _same_language(tag: str, source: str) -> bool:
    a = langcodes.Language.get(tag).maximize()
    b = langcodes.Language.get(source).maximize()
    return (a.language, a.script) == (b.language, b.script)


def negotiate(snap: ReleaseSnapshot, region: str, accept_language: str | None) -> Negotiated:
    """Pick the first acceptable tag the region ships, itself or through its fallbacks."""
    source = snap.manifest.source_locale
    requested = parse_accept_language(accept_language)
    chosen: list[str] | None = None
    matched = None
    for tag in requested:
        try:
            canonical = canonicalize(tag)
        except LocaleError:
            continue
        chain = served_chain(snap, region, canonical)
        if chain and (chain[0] != source or _same_language(canonical, source)):
            chosen, matched = chain, tag
            break
    if chosen is None:
        chosen = served_chain(snap, region, source)
    locale = chosen[0]
    entry = snap.manifest.regions[region].locales[locale]
    file = next(
        (f.path for f in entry.files if f.format == "i18next" and f.domain == "messages"), None
    )
    return Negotiated(
        release_id=snap.release_id,
        region=region,
        requested=requested,
        matched=matched,
        locale=locale,
        fallback=chosen[1:],
        bundle_url=f"/v1/bundles/{region}/{locale}",
        file_url=f"/v1/releases/{snap.release_id}/{file}" if file else None,
    )


def negotiated_resource(
    snap: ReleaseSnapshot, region: str, accept_language: str | None
) -> Resource:
    return snap.memo(
        ("negotiate", region, accept_language),
        lambda: snap.json_resource(
            negotiate(snap, region, accept_language).model_dump(mode="json"),
            Content.NEGOTIATION,
            vary="Accept-Encoding, Accept-Language",
        ),
    )


@router.get(
    "/v1/negotiate",
    response_model=Negotiated,
    responses={404: {"model": ErrorBody}},
)
async def get_negotiate(
    request: Request,
    region: Annotated[str, Query(max_length=64)],
    snap: Annotated[ReleaseSnapshot, Depends(snapshot)],
    accept_language: Annotated[str | None, Header(max_length=1024)] = None,
) -> Response:
    """The locale chosen for Accept-Language in a region, and its bundle URL."""
    return respond(request, negotiated_resource(snap, region, accept_language))
