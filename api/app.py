"""The application factory: :func:`create_app` wires store, snapshot, routers and layers.

Layers, outermost first (all pure ASGI, so the fast path pays for nothing it
does not use): metrics and access log, input guard, CORS, the fast path for
bundles and release files, then FastAPI with the routers. The release is
loaded before the first request is served; a background task re-reads the
``current`` pointer every ``poll_seconds`` and an activation switches at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from functools import partial

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api import errors
from api.caching import CachePolicy
from api.fastpath import FastPath
from api.guard import GuardMiddleware
from api.metrics import Metrics, ObserveMiddleware
from api.release_cache import ReleaseHolder, ReleaseSnapshot
from api.routers import (
    bundles,
    completion,
    health,
    manifest,
    negotiate,
    notices,
    pages,
    releases,
    rules,
)
from api.settings import ApiSettings
from i18n_pipeline.config import Settings
from i18n_pipeline.store import open_store

log = logging.getLogger(__name__)

DESCRIPTION = (
    "Region bundles, privacy notices and compliance rules of the current release. "
    'Errors are JSON: `{"error": {"code", "message"}}`. Every GET carries a strong ETag '
    "and answers If-None-Match with 304; bodies over 1 KB come gzip or brotli on request."
)


class I18nApi(FastAPI):
    """FastAPI with the pure ASGI layers of :func:`create_app` in front of it."""

    outer: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.outer is None:
            await super().__call__(scope, receive, send)
            return
        await self.outer(scope, receive, send)


async def _poll(holder: ReleaseHolder, seconds: float) -> None:
    while True:
        await asyncio.sleep(seconds)
        try:
            await run_in_threadpool(holder.refresh)
        except Exception:  # the poller must survive any single failure
            log.exception("polling the current pointer failed")


def create_app(settings: Settings | None = None, api: ApiSettings | None = None) -> FastAPI:
    """The API for the release store (or edge mirror) that ``settings`` name."""
    settings = settings or Settings()
    api = api or ApiSettings()
    policy = CachePolicy.for_tier(settings.caching, settings.tier)
    holder = ReleaseHolder(open_store(settings), policy)
    metrics = Metrics()
    holder.listeners.append(lambda snap: metrics.served(snap.release_id))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(holder.refresh)
        task = asyncio.create_task(_poll(holder, api.poll_seconds)) if api.poll_seconds else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = I18nApi(
        title="i18n pipeline API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.api_settings = api
    app.state.holder = holder
    app.state.metrics = metrics
    errors.install(app)
    for module in (health, manifest, bundles, releases, negotiate, rules, notices, completion):
        app.include_router(module.router)
    app.include_router(pages.router)

    @app.get("/metrics", include_in_schema=False)
    def get_metrics(request: Request) -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type, headers={"cache-control": "no-store"})

    inner: ASGIApp = partial(FastAPI.__call__, app)
    layered: ASGIApp = FastPath(inner, holder)
    origins = api.origins()
    if origins:
        layered = CORSMiddleware(
            layered,
            allow_origins=origins,
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match", "X-Actor"],
            expose_headers=["ETag", "Content-Language", "Content-Location", "X-Release-Id"],
        )
    layered = GuardMiddleware(layered, api.max_header_bytes, api.max_body_bytes)
    app.outer = ObserveMiddleware(layered, metrics, api.access_log)
    return app


def served(app: FastAPI) -> ReleaseSnapshot | None:
    """The snapshot ``app`` serves now (None before the first release)."""
    holder: ReleaseHolder = app.state.holder
    return holder.current
