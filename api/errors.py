"""The API's error shape, ``{"error": {"code", "message"}}``, and the handlers that make it.

Routes raise :class:`ApiError`; library errors that reach a route are mapped
by type (a malformed tag is 400, an unknown rule 404). Validation failures,
unknown routes and methods keep their status but answer in the same JSON
shape; anything unexpected is a 500 with a generic message, never a trace.
"""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from i18n_pipeline.compliance.index import JurisdictionError, UnknownRuleError
from i18n_pipeline.errors import LocaleError, PipelineError

log = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer has this body."""

    error: ErrorDetail


class ApiError(Exception):
    """An answer other than 2xx, with a machine-readable code and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_bytes(code: str, message: str) -> bytes:
    """The JSON body of an error.

    >>> error_bytes("unknown_region", "no region 'mars'")
    b'{"error": {"code": "unknown_region", "message": "no region \\'mars\\'"}}'
    """
    return json.dumps({"error": {"code": code, "message": message}}).encode()


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        error_bytes(code, message),
        status_code=status,
        media_type="application/json",
        headers={"cache-control": "no-store", **(headers or {})},
    )


def from_pipeline_error(exc: PipelineError) -> ApiError:
    """The HTTP meaning of a library error that reached a route."""
    if isinstance(exc, LocaleError):
        return ApiError(400, "invalid_locale", str(exc))
    if isinstance(exc, JurisdictionError):
        return ApiError(400, "invalid_location", str(exc))
    if isinstance(exc, UnknownRuleError):
        return ApiError(404, "unknown_rule", str(exc))
    return ApiError(500, "pipeline_error", "the release could not be read; see the server log")


#: A status code's default error code, for errors raised by the framework.
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    422: "invalid_request",
}


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the JSON shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        headers = {"www-authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(PipelineError)
    async def _pipeline_error(request: Request, exc: PipelineError) -> Response:
        mapped = from_pipeline_error(exc)
        if mapped.status >= 500:
            log.error("request %s failed: %s", request.url.path, exc)
        return error_response(mapped.status, mapped.code, mapped.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        )
        return error_response(422, "invalid_request", problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no endpoint at {request.url.path!r}; see /docs"
        return error_response(exc.status_code, code, message.lower(), dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, "internal_error", "internal error; see the server log")
