"""Prometheus metrics and the JSON access log, in one pure ASGI middleware.

Each app has its own registry (tests run several apps in one process):
``i18n_api_requests_total{route,method,status}``,
``i18n_api_request_seconds{route}`` and ``i18n_api_release_info{release_id}``.
The route label is the route template, never the raw path, so a scan of
random URLs cannot grow the label set.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("api.access")

#: Set in the ASGI scope by the fast path, which has no Starlette route.
ROUTE_KEY = "i18n.route"
_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """The collectors of one app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "i18n_api_requests",
            "HTTP requests answered, by route template, method and status.",
            ("route", "method", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "i18n_api_request_seconds",
            "Time to answer, by route template.",
            ("route",),
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.release = Gauge(
            "i18n_api_release_info",
            "1 for the release this node serves.",
            ("release_id",),
            registry=self.registry,
        )
        self._children: dict[tuple[str, str, int], Any] = {}
        self._timers: dict[str, Any] = {}

    def served(self, release_id: str) -> None:
        self.release.clear()
        self.release.labels(release_id=release_id).set(1)

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        key = (route, method, status)
        counter = self._children.get(key)
        if counter is None:
            counter = self._children[key] = self.requests.labels(route, method, str(status))
        counter.inc()
        timer = self._timers.get(route)
        if timer is None:
            timer = self._timers[route] = self.latency.labels(route)
        timer.observe(seconds)

    def exposition(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def route_of(scope: Scope) -> str:
    """The route template that answered, ``unmatched`` for none."""
    if ROUTE_KEY in scope:
        return str(scope[ROUTE_KEY])
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


class ObserveMiddleware:
    """Counts, times and (optionally) logs every HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics, log_requests: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.log_requests = log_requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method = scope["method"]  # read first: a HEAD is passed on as a GET
        status = 500
        size = 0

        async def observed(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            elapsed = time.perf_counter() - started
            route = route_of(scope)
            self.metrics.observe(route, method, status, elapsed)
            if self.log_requests and access_log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                access_log.info(
                    "%s %s %d",
                    method,
                    scope["path"],
                    status,
                    extra={
                        "http": {
                            "method": method,
                            "path": scope["path"],
                            "query": scope.get("query_string", b"").decode("latin-1"),
                            "route": route,
                            "status": status,
                            "bytes": size,
                            "ms": round(elapsed * 1000, 3),
                            "client": client[0] if client else None,
                        }
                    },
                )
