"""The reference: a bare Starlette app answering one URL with fixed bytes and an ETag.

    python bench/api/bare_app.py PORT BODY_FILE

It does what the API's bundle endpoint must do at minimum (bytes, content
type, strong ETag, Cache-Control) and nothing else, so the API's figure is
read as a ratio of this one measured in the same run.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def make_app(body: bytes) -> Starlette:
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers = {"etag": etag, "cache-control": "public, max-age=86400", "vary": "Accept-Encoding"}

    async def bundle(request: Request) -> Response:
        return Response(body, media_type="application/json", headers=headers)

    return Starlette(routes=[Route("/bundle", bundle)])


if __name__ == "__main__":
    port, body_file = int(sys.argv[1]), Path(sys.argv[2])
    uvicorn.run(
        make_app(body_file.read_bytes()),
        host="127.0.0.1",
        port=port,
        access_log=False,
        log_level="warning",
        server_header=False,
    )
