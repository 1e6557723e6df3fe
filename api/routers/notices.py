"""``GET /v1/notices/{rule_id}/{locale}``: a rendered privacy notice, or 409 when withheld."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from api.caching import Content, Resource
from api.deps import respond, snapshot
from api.errors import ApiError, ErrorBody, from_pipeline_error
from api.release_cache import ReleaseSnapshot
from i18n_pipeline.errors import LocaleError
from i18n_pipeline.locales import canonicalize
from i18n_pipeline.manifest import NoticeEntry

router = APIRouter(tags=["notices"])


class NoticeFormat(StrEnum):
    MD = "md"
    HTML = "html"
    JSON = "json"


def _entries(
    snap: ReleaseSnapshot, rule_id: str, region: str | None
) -> list[tuple[str, NoticeEntry]]:
    regions = snap.manifest.regions
    if region is not None and region not in regions:
        raise ApiError(404, "unknown_region", f"no region {region!r} in release {snap.release_id}")
    found = [
        (key, notice)
        for key, entry in regions.items()
        if region is None or key == region
        for notice in entry.notices
        if notice.rule_id == rule_id
    ]
    if not found:
        raise ApiError(
            404, "unknown_notice", f"release {snap.release_id} has no notice for rule {rule_id!r}"
        )
    return found


def resolve_notice(
    snap: ReleaseSnapshot, rule_id: str, locale: str, fmt: str, region: str | None
) -> Resource:
    """The shipped notice file; 409 naming the reason when the legal gate withheld it."""
    try:
        tag = canonicalize(locale)
    except LocaleError as exc:
        raise from_pipeline_error(exc) from None
    entries = _entries(snap, rule_id, region)
    matching = [(key, n) for key, n in entries if canonicalize(n.locale) == tag]
    if not matching:
        known = ", ".join(sorted({n.locale for _, n in entries}))
        raise ApiError(
            404, "unknown_notice", f"notice {rule_id!r} is not made in {tag!r} (made in: {known})"
        )
    for _key, notice in matching:
        if notice.status != "shipped":
            continue
        path = next((f.path for f in notice.files if f.format == fmt), None)
        if path is not None:
            extra = [
                (b"content-language", tag.encode()),
                (b"x-release-id", snap.release_id.encode()),
            ]
            return snap.derived(path, Content.NOTICE, extra=extra)
    key, withheld = matching[0]
    raise ApiError(
        409,
        "notice_withheld",
        f"notice {rule_id!r} in {tag!r} is withheld in region {key!r}: {withheld.reason}",
    )


@router.get(
    "/v1/notices/{rule_id}/{locale}",
    response_class=Response,
    responses={
        200: {"content": {"text/markdown": {}, "text/html": {}, "application/json": {}}},
        304: {"description": "Not modified (If-None-Match)."},
        404: {"model": ErrorBody},
        409: {"model": ErrorBody, "description": "The translation is incomplete; withheld."},
    },
)
async def get_notice(
    request: Request,
    rule_id: str,
    locale: str,
    snap: Annotated[ReleaseSnapshot, Depends(snapshot)],
    format: NoticeFormat = NoticeFormat.MD,
    region: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """A rendered privacy notice; 409 when its translation is incomplete and it is withheld."""
    key = ("notice", rule_id, locale, format.value, region)
    return respond(
        request, snap.memo(key, lambda: resolve_notice(snap, rule_id, locale, format.value, region))
    )
