"""``GET /healthz``: whether a release is served, which one, and the last load error."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from starlette.responses import Response

from api.caching import make_resource
from api.deps import holder, respond
from api.release_cache import ReleaseHolder, content_tag, json_body

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """``ok`` with the release served, or ``no_release`` (503)."""

    status: str
    release_id: str | None
    activated_at: datetime | None
    tier: str
    files: int
    last_error: str | None


@router.get("/healthz", response_model=Health, responses={503: {"model": Health}})
async def get_health(request: Request, hold: Annotated[ReleaseHolder, Depends(holder)]) -> Response:
    """Status and the release served (503 before one is active)."""
    snap = hold.current
    health = Health(
        status="ok" if snap else "no_release",
        release_id=snap.release_id if snap else None,
        activated_at=snap.activated_at if snap else None,
        tier=hold.policy.tier.value,
        files=len(snap.files) if snap else 0,
        last_error=hold.last_error,
    )
    body = json_body(health.model_dump(mode="json"))
    response = respond(
        request, make_resource(body, "application/json", "no-store", content_tag(body))
    )
    if snap is None:
        response.status_code = 503
    return response
