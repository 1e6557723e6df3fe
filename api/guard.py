"""Input limits in front of everything: traversal, header and body sizes.

Rejected requests get a 4xx with the JSON error body before any route runs:
a path with a ``..``, ``.``, NUL or backslash segment (after percent-decoding,
so ``%2e%2e`` is caught too) is 400; request headers over
``max_header_bytes`` are 431; a body over ``max_body_bytes`` is 413.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_bytes

_NO_BODY = ("GET", "HEAD", "OPTIONS")


def bad_path(path: str) -> bool:
    """True for paths that try to climb or smuggle (checked after percent-decoding).

    >>> bad_path("/v1/releases/x/../current"), bad_path("/v1/bundles/emea/de")
    (True, False)
    >>> bad_path("/v1/x/./y"), bad_path("/a\\\\b"), bad_path("/a\\x00")
    (True, True, True)
    """
    if "\x00" in path or "\\" in path:
        return True
    return any(part in ("..", ".") for part in path.split("/"))


class GuardMiddleware:
    """Refuses traversal, oversized headers and oversized bodies with JSON errors."""

    def __init__(self, app: ASGIApp, max_header_bytes: int, max_body_bytes: int) -> None:
        self.app = app
        self.max_header_bytes = max_header_bytes
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or b""
        if bad_path(scope["path"]) or b"%00" in raw or b"%5c" in raw.lower():
            await _reject(send, 400, "invalid_path", "the path may not contain '.', '..' or NUL")
            return
        size = sum(len(k) + len(v) + 4 for k, v in scope["headers"])
        if size > self.max_header_bytes:
            await _reject(
                send,
                431,
                "headers_too_large",
                f"request headers are {size} bytes; the limit is {self.max_header_bytes}",
            )
            return
        if scope["method"] in _NO_BODY:
            await self.app(scope, receive, send)
            return
        body = await self._read_body(scope, receive)
        if body is None:
            await _reject(
                send, 413, "body_too_large", f"the body is over {self.max_body_bytes} bytes"
            )
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            return None
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_body_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _reject(send: Send, status: int, code: str, message: str) -> None:
    body = error_bytes(code, message)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
