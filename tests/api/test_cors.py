"""CORS: configured origins get the headers (fast path and FastAPI routes), others do not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.conftest import Live, Releases, serve

ORIGIN = "https://app.example"


@pytest.fixture(scope="module")
def cors_live(releases: Releases) -> Iterator[Live]:
    yield from serve(releases.settings, cors_origins=f"{ORIGIN}, https://other.example")


@pytest.mark.parametrize("path", ["/v1/bundles/emea/de", "/v1/manifest", "/v1/rules?country=DE"])
def test_allowed_origin_gets_cors_headers(cors_live: Live, path: str) -> None:
    with cors_live.client() as client:
        allowed = client.get(path, headers={"origin": ORIGIN})
        other = client.get(path, headers={"origin": "https://evil.example"})
        preflight = client.options(
            path, headers={"origin": ORIGIN, "access-control-request-method": "GET"}
        )

    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    assert "etag" in allowed.headers["access-control-expose-headers"].lower()
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN


def test_no_cors_headers_unless_configured(live: Live) -> None:
    with live.client() as client:
        answer = client.get("/v1/bundles/emea/de", headers={"origin": ORIGIN})

    assert "access-control-allow-origin" not in answer.headers
