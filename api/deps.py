"""What routes share: the snapshot being served and turning a Resource into a response."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from api.caching import Headers, Resource, select
from api.release_cache import ReleaseHolder, ReleaseSnapshot
from api.settings import ApiSettings
from i18n_pipeline.config import Settings


class RawResponse(Response):
    """A response whose status, header list and body are already prepared."""

    def __init__(self, status: int, headers: Headers, body: bytes, head: bool = False) -> None:
        self.status_code = status
        self.body = b"" if head else body
        self.raw_headers = list(headers)
        self.background = None


def holder_of(request: Request) -> ReleaseHolder:
    found: ReleaseHolder = request.app.state.holder
    return found


# Dependencies are coroutines: FastAPI runs a plain ``def`` dependency in the
# thread pool, which costs more than the whole lookup it would guard.
async def holder(request: Request) -> ReleaseHolder:
    return holder_of(request)


async def snapshot(request: Request) -> ReleaseSnapshot:
    """The snapshot for this request, taken once (503 before any release is active)."""
    return holder_of(request).snapshot


async def pipeline_settings(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


async def api_settings(request: Request) -> ApiSettings:
    found: ApiSettings = request.app.state.api_settings
    return found


def respond(request: Request, resource: Resource) -> Response:
    """200 with the representation the client accepts, or 304 when its ETag matches."""
    status, headers, body = select(
        resource, request.headers.get("accept-encoding"), request.headers.get("if-none-match")
    )
    return RawResponse(status, headers, body, head=request.method == "HEAD")
