"""``GET /v1/releases/{id}/{file}`` (immutable files) and ``POST .../activate`` (admin)."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.caching import Content, Resource, make_resource
from api.deps import api_settings, holder, pipeline_settings, respond
from api.errors import ApiError, ErrorBody
from api.release_cache import MEDIA_TYPES, ReleaseHolder, content_tag
from api.settings import ApiSettings
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import PipelineError, ReleaseError, StoreError
from i18n_pipeline.release import activate_release
from i18n_pipeline.store.base import MANIFEST_NAME, check_file_path, check_release_id

log = logging.getLogger(__name__)

router = APIRouter(tags=["releases"])

ROUTE = "/v1/releases/{release_id}/{file_path:path}"
_ACTOR = re.compile(r"^[\w .@:+-]{1,100}$")


def check_location(release_id: str, path: str) -> None:
    """400 for ids and paths that could leave the release (``..``, absolute, empty parts)."""
    try:
        check_release_id(release_id)
        check_file_path(path)
    except StoreError as exc:
        raise ApiError(400, "invalid_path", str(exc)) from None


def release_file(hold: ReleaseHolder, release_id: str, path: str) -> Resource | None:
    """The file of the served release, or None when it belongs to another release."""
    check_location(release_id, path)
    snap = hold.snapshot
    if release_id != snap.release_id:
        return None
    if path == MANIFEST_NAME:
        body = snap.manifest_resource.body
        return snap.memo(
            ("release-manifest",),
            lambda: make_resource(
                body,
                MEDIA_TYPES["json"],
                snap.policy.header(Content.RELEASE_FILE),
                content_tag(body),
            ),
        )
    found = snap.files.get(path)
    if found is None:
        raise ApiError(404, "unknown_file", f"release {release_id!r} has no file {path!r}")
    return found


async def resolve_release_file(hold: ReleaseHolder, release_id: str, path: str) -> Resource:
    """Current release from memory; an older one read (and verified) from the store."""
    found = release_file(hold, release_id, path)
    if found is not None:
        return found
    return await run_in_threadpool(hold.other_file, release_id, path)


@router.get(
    ROUTE,
    response_class=Response,
    responses={
        200: {"description": "The file, byte for byte as published (immutable)."},
        304: {"description": "Not modified (If-None-Match)."},
    },
)
async def get_release_file(
    request: Request,
    release_id: str,
    file_path: str,
    hold: Annotated[ReleaseHolder, Depends(holder)],
) -> Response:
    """An immutable file of a release, by the path its manifest gives."""
    return respond(request, await resolve_release_file(hold, release_id, file_path))


class ActivateIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class ActivationOut(BaseModel):
    """What the activation did and who is recorded for it."""

    release_id: str
    previous_release_id: str | None
    activated_at: datetime
    actor: str
    serving: str | None = Field(description="The release this node serves after the switch.")


def _actor(settings: ApiSettings, authorization: str | None, x_actor: str | None) -> str:
    scheme, _, presented = (authorization or "").partition(" ")
    if not settings.tokens():
        raise ApiError(401, "unauthorized", "activation is disabled: I18N_ADMIN_TOKEN is not set")
    token_id = settings.token_id(presented.strip()) if scheme.lower() == "bearer" else None
    if token_id is None:
        raise ApiError(401, "unauthorized", "a valid bearer token is required to activate")
    if x_actor and _ACTOR.match(x_actor):
        return f"{x_actor} (token {token_id})"
    return f"token {token_id}"


@router.post(
    "/v1/releases/{release_id}/activate",
    response_model=ActivationOut,
    responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
)
def activate(
    release_id: str,
    hold: Annotated[ReleaseHolder, Depends(holder)],
    settings: Annotated[Settings, Depends(pipeline_settings)],
    server: Annotated[ApiSettings, Depends(api_settings)],
    authorization: Annotated[str | None, Header()] = None,
    x_actor: Annotated[str | None, Header()] = None,
    body: Annotated[ActivateIn | None, Body()] = None,
) -> ActivationOut:
    """Point `current` at a published release (roll back or forward); bearer token."""
    actor = _actor(server, authorization, x_actor)
    try:
        check_release_id(release_id)
    except StoreError as exc:
        raise ApiError(400, "invalid_release_id", str(exc)) from None
    reason = (body.reason if body else "") or "activated through the API"
    try:
        activation = activate_release(settings, hold.store, release_id, actor=actor, reason=reason)
    except StoreError as exc:
        raise ApiError(404, "unknown_release", str(exc)) from None
    except ReleaseError as exc:
        # The target failed verification: a client error to fix, not an outage.
        raise ApiError(409, "release_not_intact", str(exc)) from None
    except PipelineError as exc:
        log.error("activation of %s failed: %s", release_id, exc)
        raise ApiError(503, "activation_failed", f"activation failed: {exc}") from None
    hold.refresh()
    log.info("release %s activated by %s", release_id, actor)
    current = hold.current
    return ActivationOut(
        release_id=activation.release_id,
        previous_release_id=activation.previous_release_id,
        activated_at=activation.activated_at,
        actor=activation.actor,
        serving=current.release_id if current else None,
    )
