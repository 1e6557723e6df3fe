"""Bad input gets a 4xx with the JSON error: never a 500, a trace or a file outside the release."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from tests.api.conftest import Live, Releases


def raw_get(live: Live, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no client-side dot-segment normalization)."""
    parts = urlsplit(live.url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def error_code(body: bytes) -> str:
    code: str = json.loads(body)["error"]["code"]
    return code


@pytest.mark.parametrize(
    "template",
    [
        "/v1/releases/{id}/../current",
        "/v1/releases/{id}/../../releases/{id}/manifest.json",
        "/v1/releases/{id}/%2e%2e/current",
        "/v1/releases/{id}/%2E%2E%2Fcurrent",
        "/v1/releases/{id}/emea/%2e%2e/%2e%2e/%2e%2e/current",
        "/v1/releases/..%2f..%2fcurrent/x",
        "/v1/releases/{id}/.%2fmanifest.json",
        "/v1/releases/{id}/%00",
        "/v1/releases/{id}/emea%5c..%5ccurrent",
        "/v1/bundles/%2e%2e/de",
        "/v1/notices/%2e%2e/%2e%2e",
        "/v1/releases/{id}//etc/passwd",
        "/v1/releases/{id}/etc/passwd",
    ],
)
def test_traversal_is_refused_with_a_json_error(
    live: Live, releases: Releases, template: str
) -> None:
    status, body = raw_get(live, template.format(id=releases.first))

    assert 400 <= status < 500, body
    assert error_code(body)
    assert b"release_id" not in body  # never the pointer file's content


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/v1/bundles/mars/de", 404, "unknown_region"),
        ("/v1/bundles/emea/en--US", 400, "invalid_locale"),
        ("/v1/bundles/emea/xx-Zzzz-QQ", 400, "invalid_locale"),
        ("/v1/bundles/emea/" + "a" * 300, 400, "invalid_locale"),
        ("/v1/negotiate?region=mars", 404, "unknown_region"),
        ("/v1/negotiate", 422, "invalid_request"),
        ("/v1/completion/%F0%9F%92%A9", 400, "invalid_locale"),
        ("/v1/notices/eu-gdpr/@@", 400, "invalid_locale"),
        ("/v1/releases/not-an-id/manifest.json", 400, "invalid_path"),
        ("/v1/releases/20991231T000000Z-0000000000/manifest.json", 404, "unknown_release"),
        ("/v1/rules?country=DE&subdivision=ZZ", 400, "invalid_location"),
        ("/v1/rules?country=" + "D" * 50, 422, "invalid_request"),
        ("/nowhere", 404, "not_found"),
    ],
)
def test_unknown_and_malformed_values_are_4xx(
    live: Live, path: str, status: int, code: str
) -> None:
    got, body = raw_get(live, path)

    assert (got, error_code(body)) == (status, code), body


def test_oversized_headers_are_431(live: Live) -> None:
    status, body = raw_get(live, "/v1/manifest", {"X-Padding": "a" * 12_000})

    assert status == 431
    assert error_code(body) == "headers_too_large"


def test_oversized_body_is_413(live: Live, releases: Releases) -> None:
    with live.client() as client:
        declared = client.post(
            f"/v1/releases/{releases.second}/activate",
            content=b"x" * 20_000,
            headers={"content-type": "application/json"},
        )

        def chunks():  # type: ignore[no-untyped-def]
            for _ in range(10):
                yield b"y" * 1000

        streamed = client.post(f"/v1/releases/{releases.second}/activate", content=chunks())

    assert declared.status_code == 413 and error_code(declared.content) == "body_too_large"
    assert streamed.status_code == 413 and error_code(streamed.content) == "body_too_large"


def test_wrong_method_is_405_json(live: Live) -> None:
    with live.client() as client:
        answer = client.delete("/v1/manifest")

    assert answer.status_code == 405 and error_code(answer.content) == "method_not_allowed"
