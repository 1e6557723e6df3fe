"""Pure ASGI answers for the hot paths: bundles and immutable release files.

FastAPI's routing, dependency injection and validation cost more than the
lookup itself (shared/bench: a FastAPI route with precomputed bytes runs at
about 0.4x bare Starlette). These two GET routes are answered here, straight
from the snapshot's prepared bytes and headers, by the same functions the
FastAPI routes call, so both give identical answers; the FastAPI routes stay
registered for the OpenAPI document and for anything this layer passes on.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from api.caching import Headers, select
from api.errors import ApiError, error_bytes
from api.metrics import ROUTE_KEY
from api.release_cache import ReleaseHolder
from api.routers import bundles, releases

_BUNDLES = "/v1/bundles/"
_RELEASES = "/v1/releases/"
_ERROR_HEADERS: Headers = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


class FastPath:
    """Answers ``GET``/``HEAD`` of bundles and release files; passes everything else on."""

    def __init__(self, app: ASGIApp, holder: ReleaseHolder) -> None:
        self.app = app
        self.holder = holder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        try:
            if path.startswith(_BUNDLES):
                parts = path[len(_BUNDLES) :].split("/")
                if len(parts) != 2 or not all(parts):
                    await self.app(scope, receive, send)
                    return
                scope[ROUTE_KEY] = bundles.ROUTE
                query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
                resource = bundles.resolve_bundle(
                    self.holder.snapshot,
                    parts[0],
                    parts[1],
                    query.get("format", "i18next"),
                    query.get("domain", "messages"),
                )
            elif path.startswith(_RELEASES) and not path.endswith("/activate"):
                release_id, _, file_path = path[len(_RELEASES) :].partition("/")
                if not release_id or not file_path:
                    await self.app(scope, receive, send)
                    return
                scope[ROUTE_KEY] = releases.ROUTE
                resource = await releases.resolve_release_file(self.holder, release_id, file_path)
            else:
                await self.app(scope, receive, send)
                return
        except ApiError as exc:
            await _send(send, exc.status, _ERROR_HEADERS, error_bytes(exc.code, exc.message))
            return
        status, headers, body = select(
            resource, _header(scope, b"accept-encoding"), _header(scope, b"if-none-match")
        )
        await _send(send, status, headers, b"" if scope["method"] == "HEAD" else body)


async def _send(send: Send, status: int, headers: Headers, body: bytes) -> None:
    if status >= 400:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
