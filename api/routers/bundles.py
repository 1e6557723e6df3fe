"""``GET /v1/bundles/{region}/{locale}``: a locale's bundle, through its fallback chain."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from api.caching import Content, Resource
from api.deps import respond, snapshot
from api.errors import ApiError, from_pipeline_error
from api.release_cache import ReleaseSnapshot
from i18n_pipeline.errors import LocaleError
from i18n_pipeline.locales import canonicalize, resolution_chain

router = APIRouter(tags=["bundles"])

ROUTE = "/v1/bundles/{region}/{locale}"


class BundleFormat(StrEnum):
    I18NEXT = "i18next"
    GETTEXT = "gettext"
    MO = "mo"


def unknown_region(snap: ReleaseSnapshot, region: str) -> ApiError:
    known = ", ".join(sorted(snap.manifest.regions))
    return ApiError(
        404, "unknown_region", f"no region {region!r} in release {snap.release_id} (known: {known})"
    )


def served_chain(snap: ReleaseSnapshot, region: str, locale: str) -> list[str]:
    """Shipped tags of ``region`` to try for ``locale``, best first, ending at the source."""
    if region not in snap.manifest.regions:
        raise unknown_region(snap, region)
    try:
        tag = canonicalize(locale)
    except LocaleError as exc:
        raise from_pipeline_error(exc) from None
    entries = snap.manifest.regions[region].locales
    shipped = snap.shipped(region)
    chain = resolution_chain(tag, shipped, snap.manifest.source_locale)
    first = next((t for t in chain if t in entries), None)
    if first is not None:
        chain = [first, *entries[first].fallback, *chain]
    return [t for t in dict.fromkeys(chain) if t in shipped]


def _bundle_path(snap: ReleaseSnapshot, region: str, tag: str, fmt: str, domain: str) -> str | None:
    entry = snap.manifest.regions[region].locales[tag]
    return next(
        (
            f.path
            for f in entry.files
            if f.kind == "bundle" and f.format == fmt and f.domain == domain
        ),
        None,
    )


def resolve_bundle(
    snap: ReleaseSnapshot, region: str, locale: str, fmt: str, domain: str
) -> Resource:
    """The bundle resource answering this request (memoised per release)."""

    def build() -> Resource:
        if fmt not in BundleFormat.__members__.values():
            raise ApiError(
                400, "invalid_format", f"format {fmt!r}: expected i18next, gettext or mo"
            )
        for tag in served_chain(snap, region, locale):
            path = _bundle_path(snap, region, tag, fmt, domain)
            if path is not None:
                extra = [
                    (b"content-language", tag.encode()),
                    (b"content-location", f"/v1/releases/{snap.release_id}/{path}".encode()),
                    (b"x-release-id", snap.release_id.encode()),
                ]
                return snap.derived(path, Content.BUNDLE, extra=extra)
        raise ApiError(
            404,
            "no_bundle",
            f"region {region!r} ships no {fmt} bundle of domain {domain!r} for {locale!r} "
            "or its fallbacks",
        )

    return snap.memo(("bundle", region, locale, fmt, domain), build)


@router.get(
    ROUTE,
    response_class=Response,
    responses={
        200: {
            "description": "The bundle; Content-Language names the locale served.",
            "content": {"application/json": {}, "application/octet-stream": {}},
        },
        304: {"description": "Not modified (If-None-Match)."},
    },
)
async def get_bundle(
    request: Request,
    region: str,
    locale: str,
    snap: Annotated[ReleaseSnapshot, Depends(snapshot)],
    format: Annotated[BundleFormat, Query(description="i18next, gettext or mo")] = (
        BundleFormat.I18NEXT
    ),
    domain: Annotated[str, Query(pattern=r"^[a-z_]{1,32}$")] = "messages",
) -> Response:
    """The bundle of a locale in a region; a tag not shipped resolves through its fallbacks."""
    return respond(request, resolve_bundle(snap, region, locale, format.value, domain))
