"""Pure ASGI answers for the hot paths: bundles, immutable release files, rule lookups.

FastAPI's routing, dependency injection and validation cost more than the
lookup itself (shared/bench: a FastAPI route with precomputed bytes runs at
about 0.4x bare Starlette). These GET routes are answered here, straight from
the snapshot's prepared bytes and headers, by the same functions the FastAPI
routes call, so both give identical answers. A request whose query would fail
the route's validation (an unknown ``format``, a missing ``country``) is
passed on, so FastAPI answers it with its usual 422; the FastAPI routes stay
registered for the OpenAPI document and for everything this layer passes on.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import Headers, Resource, select
from api.errors import ApiError, error_bytes
from api.metrics import ROUTE_KEY
from api.release_cache import ReleaseHolder
from api.routers import bundles, releases, rules

_BUNDLES = "/v1/bundles/"
_RELEASES = "/v1/releases/"
_RULES = "/v1/rules"
_FORMATS = frozenset(f.value for f in bundles.BundleFormat)
_DOMAIN = re.compile(r"^[a-z_]{1,32}$")
_CODE = re.compile(r"^[A-Za-z0-9-]{1,10}$")
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
        try:
            resource = await self._resolve(scope)
        except ApiError as exc:
            body = error_bytes(exc.code, exc.message)
            headers = [*_ERROR_HEADERS, (b"content-length", str(len(body)).encode())]
            await _send(send, exc.status, headers, b"" if scope["method"] == "HEAD" else body)
            return
        if resource is None:
            await self._pass_on(scope, receive, send)
            return
        status, headers, body = select(
            resource, _header(scope, b"accept-encoding"), _header(scope, b"if-none-match")
        )
        await _send(send, status, headers, b"" if scope["method"] == "HEAD" else body)

    async def _pass_on(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Hand the request to FastAPI; a HEAD is answered as the GET without its body."""
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        as_get = {**scope, "method": "GET"}  # a copy: the server must still see a HEAD

        async def headless(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(as_get, receive, headless)
        finally:
            if "route" in as_get:
                scope["route"] = as_get["route"]

    async def _resolve(self, scope: Scope) -> Resource | None:
        """The resource to answer with, or None to pass the request on."""
        path: str = scope["path"]
        if path.startswith(_BUNDLES):
            return self._bundle(scope, path[len(_BUNDLES) :].split("/"))
        if path.startswith(_RELEASES) and not path.endswith("/activate"):
            release_id, _, file_path = path[len(_RELEASES) :].partition("/")
            if not release_id or not file_path:
                return None
            scope[ROUTE_KEY] = releases.ROUTE
            return await releases.resolve_release_file(self.holder, release_id, file_path)
        if path == _RULES:
            return self._rules(scope)
        return None

    def _bundle(self, scope: Scope, parts: list[str]) -> Resource | None:
        query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
        fmt, domain = query.get("format", "i18next"), query.get("domain", "messages")
        if len(parts) != 2 or not all(parts) or fmt not in _FORMATS or not _DOMAIN.match(domain):
            return None
        scope[ROUTE_KEY] = bundles.ROUTE
        return bundles.resolve_bundle(self.holder.snapshot, parts[0], parts[1], fmt, domain)

    def _rules(self, scope: Scope) -> Resource | None:
        query = dict(parse_qsl(scope["query_string"].decode("latin-1")))
        country, subdivision = query.get("country"), query.get("subdivision")
        if not country or not _CODE.match(country):
            return None
        if subdivision is not None and not _CODE.match(subdivision):
            return None
        scope[ROUTE_KEY] = _RULES
        return rules.rules_at(self.holder.snapshot, country, subdivision)


async def _send(send: Send, status: int, headers: Headers, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
