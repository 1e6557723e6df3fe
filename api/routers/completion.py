"""``/v1/completion``, ``/v1/completion/{locale}`` and ``/v1/badges/{locale}.svg``.

The figures are the release's own (its manifest), so an edge node answers
them without the catalogs: completion per domain, the matrix target and the
gate decision of every locale in every region.
"""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from starlette.responses import Response

from api.caching import Content, Resource, make_resource
from api.deps import respond, snapshot
from api.errors import ApiError, ErrorBody, from_pipeline_error
from api.release_cache import ReleaseSnapshot, content_tag
from i18n_pipeline.errors import LocaleError
from i18n_pipeline.locales import canonicalize
from i18n_pipeline.manifest import Completion, Gate, LocaleEntry

router = APIRouter(tags=["completion"])


class LocaleCompletion(BaseModel):
    locale: str
    name: str
    priority: str
    target: float
    gate: Gate
    completion: dict[str, Completion]


class CompletionAll(BaseModel):
    """Every region's locales against their matrix targets."""

    release_id: str
    regions: dict[str, list[LocaleCompletion]]


class CompletionOfLocale(BaseModel):
    """One locale in every region that lists it."""

    release_id: str
    locale: str
    regions: dict[str, LocaleCompletion]


def _row(entry: LocaleEntry) -> LocaleCompletion:
    return LocaleCompletion(
        locale=entry.locale,
        name=entry.name,
        priority=entry.priority,
        target=entry.target,
        gate=entry.gate,
        completion=entry.completion,
    )


def completion_all(snap: ReleaseSnapshot) -> CompletionAll:
    regions = {
        key: [_row(entry) for entry in region.locales.values()]
        for key, region in snap.manifest.regions.items()
    }
    return CompletionAll(release_id=snap.release_id, regions=regions)


def completion_of(snap: ReleaseSnapshot, locale: str) -> CompletionOfLocale:
    try:
        tag = canonicalize(locale)
    except LocaleError as exc:
        raise from_pipeline_error(exc) from None
    regions = {
        key: _row(region.locales[tag])
        for key, region in snap.manifest.regions.items()
        if tag in region.locales
    }
    if not regions:
        raise ApiError(404, "unknown_locale", f"release {snap.release_id} lists no locale {tag!r}")
    return CompletionOfLocale(release_id=snap.release_id, locale=tag, regions=regions)


@router.get("/v1/completion", response_model=CompletionAll)
async def get_completion(
    request: Request, snap: Annotated[ReleaseSnapshot, Depends(snapshot)]
) -> Response:
    """Completion of every locale in every region against its matrix target."""
    resource = snap.memo(
        ("completion",),
        lambda: snap.json_resource(
            completion_all(snap).model_dump(mode="json"), Content.COMPLETION
        ),
    )
    return respond(request, resource)


@router.get(
    "/v1/completion/{locale}",
    response_model=CompletionOfLocale,
    responses={400: {"model": ErrorBody}, 404: {"model": ErrorBody}},
)
async def get_locale_completion(
    request: Request, locale: str, snap: Annotated[ReleaseSnapshot, Depends(snapshot)]
) -> Response:
    """Completion of one locale in each region that lists it."""
    resource = snap.memo(
        ("completion", locale),
        lambda: snap.json_resource(
            completion_of(snap, locale).model_dump(mode="json"), Content.COMPLETION
        ),
    )
    return respond(request, resource)


def badge_color(completion: float, target: float, status: str) -> str:
    """Green at or over target, amber within 10 points of it, red below, grey if excluded.

    >>> badge_color(0.97, 0.95, "pass"), badge_color(0.9, 0.95, "warn")
    ('#2e7d32', '#b26a00')
    >>> badge_color(0.5, 0.9, "fail"), badge_color(1.0, 0.9, "excluded")
    ('#c62828', '#616161')
    """
    if status == "excluded":
        return "#616161"
    if completion >= target:
        return "#2e7d32"
    return "#b26a00" if completion >= target - 0.10 else "#c62828"


def badge_svg(label: str, value: str, color: str) -> bytes:
    """A flat two-part badge, sized by its text (about 7 px per character)."""
    left, right = 8 + 7 * len(label), 8 + 7 * len(value)
    width = left + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{escape(label)}: {escape(value)}"><title>{escape(label)}: {escape(value)}'
        f'</title><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" '
        'text-anchor="middle">'
        f'<text x="{left / 2}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2}" y="14">{escape(value)}</text></g></svg>\n'
    ).encode()


_ZERO = Completion(
    total=0,
    translated=0,
    fuzzy=0,
    untranslated=0,
    total_words=0,
    translated_words=0,
    messages=0,
    words=0,
)


def badge(snap: ReleaseSnapshot, locale: str) -> Resource:
    """The badge of ``locale``: its messages completion in the region where it is lowest."""
    rows = completion_of(snap, locale).regions.values()
    worst = min(rows, key=lambda r: r.completion.get("messages", _ZERO).messages)
    share = worst.completion.get("messages", _ZERO).messages
    body = badge_svg(
        worst.locale, f"{share:.0%}", badge_color(share, worst.target, worst.gate.status)
    )
    return make_resource(body, "image/svg+xml", snap.policy.header(Content.PAGE), content_tag(body))


@router.get(
    "/v1/badges/{locale}.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}, 404: {"model": ErrorBody}},
)
async def get_badge(
    request: Request, locale: str, snap: Annotated[ReleaseSnapshot, Depends(snapshot)]
) -> Response:
    """An SVG badge of a locale's message completion (its lowest region)."""
    return respond(request, snap.memo(("badge", locale), lambda: badge(snap, locale)))
