"""``GET /v1/manifest``: the manifest of the release being served."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from api.deps import respond, snapshot
from api.errors import ErrorBody
from api.release_cache import ReleaseSnapshot
from i18n_pipeline.manifest import Manifest

router = APIRouter(tags=["releases"])


@router.get("/v1/manifest", response_model=Manifest, responses={503: {"model": ErrorBody}})
async def get_manifest(
    request: Request, snap: Annotated[ReleaseSnapshot, Depends(snapshot)]
) -> Response:
    """The current release's manifest, byte for byte as the store holds it."""
    return respond(request, snap.manifest_resource)
