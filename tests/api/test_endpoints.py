"""Every GET endpoint against a live server over a release built by the library."""

from __future__ import annotations

import gzip
import logging
import xml.etree.ElementTree as ET

import brotli
import pytest

from i18n_pipeline.store import open_store
from i18n_pipeline.store.base import manifest_bytes
from tests.api.conftest import Live, Releases

IDENTITY = {"accept-encoding": "identity"}


def test_healthz_names_the_release_served(live: Live, releases: Releases) -> None:
    with live.client() as client:
        answer = client.get("/healthz")

    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["release_id"] == releases.first
    assert answer.json()["tier"] == "regional"


def test_manifest_is_the_store_manifest_byte_for_byte(live: Live, releases: Releases) -> None:
    store = open_store(releases.settings)
    with live.client() as client:
        answer = client.get("/v1/manifest", headers=IDENTITY)

    assert answer.content == manifest_bytes(store.read_manifest(releases.first))
    assert answer.headers["cache-control"] == "public, max-age=300"
    assert answer.headers["etag"].startswith('"') and answer.headers["etag"].endswith('"')


@pytest.mark.parametrize(
    ("region", "locale", "served"),
    [
        ("apac", "zh-Hans", "zh-Hans"),
        ("apac", "zh-CN", "zh-Hans"),  # maximized match
        ("apac", "zh_hans", "zh-Hans"),  # catalog spelling
        ("apac", "pt-BR", "en"),  # not shipped: the source language
        ("emea", "ar", "en"),  # excluded by its gate: falls back
        ("emea", "de-AT", "de"),
    ],
)
def test_bundle_resolves_through_the_fallback_chain(
    live: Live, releases: Releases, region: str, locale: str, served: str
) -> None:
    store = open_store(releases.settings)
    entry = store.read_manifest(releases.first).regions[region].locales[served]
    path = next(f.path for f in entry.files if f.format == "i18next" and f.domain == "messages")

    with live.client() as client:
        answer = client.get(f"/v1/bundles/{region}/{locale}", headers=IDENTITY)

    assert answer.status_code == 200
    assert answer.headers["content-language"] == served
    assert answer.content == store.get_bytes(releases.first, path)
    assert answer.headers["content-location"] == f"/v1/releases/{releases.first}/{path}"
    assert answer.headers["cache-control"] == "public, max-age=7200"  # regional tier


def test_bundle_formats_are_the_release_files(live: Live, releases: Releases) -> None:
    with live.client() as client:
        i18next = client.get("/v1/bundles/emea/de").json()
        gettext = client.get("/v1/bundles/emea/de?format=gettext")
        mo = client.get("/v1/bundles/emea/de?format=mo")
        bad = client.get("/v1/bundles/emea/de?format=xliff")

    assert i18next["{count} job_other"] == "{{count}} Jobs"
    assert gettext.json()[""]["plural-forms"] == "nplurals=2; plural=(n != 1);"
    assert gettext.json()["Cancel"] == "Abbrechen"
    assert mo.headers["content-type"] == "application/octet-stream"
    assert mo.content[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # GNU MO magic
    assert bad.status_code in (400, 422)
    assert "error" in bad.json()


def test_release_files_are_immutable_and_exact(live: Live, releases: Releases) -> None:
    store = open_store(releases.settings)
    manifest = store.read_manifest(releases.first)
    with live.client() as client:
        for entry in manifest.files():
            answer = client.get(f"/v1/releases/{releases.first}/{entry.path}", headers=IDENTITY)
            assert answer.status_code == 200, entry.path
            assert answer.content == store.get_bytes(releases.first, entry.path)
            assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
            assert answer.headers["etag"] == f'"{entry.sha256[:32]}"'
        missing = client.get(f"/v1/releases/{releases.first}/emea/de/nothing.json")
        other = client.get(f"/v1/releases/{releases.second}/{manifest.files()[0].path}")

    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_file"
    assert other.status_code in (200, 404)  # a published older/newer release is readable


def test_if_none_match_gets_304_for_every_representation(live: Live) -> None:
    with live.client() as client:
        for encoding in ("identity", "gzip", "br"):
            first = client.get("/v1/manifest", headers={"accept-encoding": encoding})
            again = client.get(
                "/v1/manifest",
                headers={"accept-encoding": encoding, "if-none-match": first.headers["etag"]},
            )
            assert again.status_code == 304, encoding
            assert again.content == b""
            assert again.headers["etag"] == first.headers["etag"]
            assert again.headers["cache-control"] == first.headers["cache-control"]
        stale = client.get("/v1/manifest", headers={"if-none-match": '"0000"'})
        bundle = client.get("/v1/bundles/emea/de")
        bundle_again = client.get(
            "/v1/bundles/emea/de", headers={"if-none-match": bundle.headers["etag"]}
        )

    assert stale.status_code == 200
    assert bundle_again.status_code == 304


def test_gzip_and_brotli_when_asked_and_over_a_kilobyte(live: Live, releases: Releases) -> None:
    with live.client() as client:
        plain = client.get("/v1/manifest", headers=IDENTITY)
        raw = {}
        for encoding in ("gzip", "br"):
            with client.stream("GET", "/v1/manifest", headers={"accept-encoding": encoding}) as r:
                raw[encoding] = (r.headers, b"".join(r.iter_raw()))
        small = client.get("/v1/bundles/emea/de", headers={"accept-encoding": "gzip, br"})

    assert "content-encoding" not in plain.headers
    gz_headers, gz_body = raw["gzip"]
    br_headers, br_body = raw["br"]
    assert gz_headers["content-encoding"] == "gzip"
    assert gzip.decompress(gz_body) == plain.content
    assert br_headers["content-encoding"] == "br"
    assert brotli.decompress(br_body) == plain.content
    assert len(br_body) < len(plain.content) and len(gz_body) < len(plain.content)
    assert {gz_headers["etag"], br_headers["etag"], plain.headers["etag"]}.__len__() == 3
    for headers in (gz_headers, br_headers, plain.headers):
        assert "accept-encoding" in headers["vary"].lower()
    assert len(small.content) <= 1024 and "content-encoding" not in small.headers


def test_rules_at_a_location_broadest_first(live: Live) -> None:
    with live.client() as client:
        germany = client.get("/v1/rules", params={"country": "de"}).json()
        california = client.get("/v1/rules", params={"country": "US", "subdivision": "CA"}).json()
        bad = client.get("/v1/rules", params={"country": "XX"})
        missing = client.get("/v1/rules")
        cached = client.get("/v1/rules", params={"country": "DE"})

    assert germany["country"] == "DE" and "EU" in germany["groups"]
    assert [r["id"] for r in germany["rules"]] == ["eu-gdpr"]
    assert [r["id"] for r in california["rules"]] == ["us-federal", "us-ca-ccpa"]
    assert california["subdivision"] == "US-CA"
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_location"
    assert missing.status_code == 422 and missing.json()["error"]["code"] == "invalid_request"
    assert cached.headers["cache-control"] == "public, max-age=86400"


def test_one_rule_with_its_sources(live: Live) -> None:
    with live.client() as client:
        rule = client.get("/v1/rules/eu-gdpr").json()
        unknown = client.get("/v1/rules/xx-nothing")

    assert rule["id"] == "eu-gdpr"
    assert rule["rights"] and all("source" in right for right in rule["rights"])
    assert unknown.status_code == 404 and "eu-gdpr" in unknown.json()["error"]["message"]


def test_residency_names_allowed_regions(live: Live) -> None:
    with live.client() as client:
        germany = client.get("/v1/residency", params={"country": "DE"}).json()
        bad = client.get("/v1/residency", params={"country": "ZZ"})

    assert germany["country"] == "DE" and germany["rule_ids"] == ["eu-gdpr"]
    verdicts = {r["cloud_region"]: r["verdict"] for r in germany["regions"]}
    assert "eu-west-1" in germany["allowed"] and verdicts["eu-west-1"] == "allowed"
    assert bad.status_code == 400


def test_notice_formats_and_409_when_withheld(live: Live, releases: Releases) -> None:
    with live.client() as client:
        markdown = client.get("/v1/notices/eu-gdpr/en")
        html = client.get("/v1/notices/eu-gdpr/en", params={"format": "html"})
        data = client.get("/v1/notices/eu-gdpr/en", params={"format": "json"})
        german = client.get("/v1/notices/eu-gdpr/de")
        unknown_rule = client.get("/v1/notices/xx-none/en")
        not_made = client.get("/v1/notices/eu-gdpr/ja")

    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith(
        "text/markdown"
    )
    assert markdown.headers["content-language"] == "en"
    assert html.headers["content-type"].startswith("text/html") and "<" in html.text
    assert isinstance(data.json(), dict)
    assert german.status_code == 409
    assert german.json()["error"]["code"] == "notice_withheld"
    assert "untranslated" in german.json()["error"]["message"]
    assert unknown_rule.status_code == 404 and not_made.status_code == 404


def test_completion_against_targets(live: Live) -> None:
    with live.client() as client:
        everything = client.get("/v1/completion").json()
        japanese = client.get("/v1/completion/ja").json()
        unknown = client.get("/v1/completion/ko")
        malformed = client.get("/v1/completion/en--US")

    emea = {row["locale"]: row for row in everything["regions"]["emea"]}
    assert emea["ar"]["gate"]["status"] == "excluded"
    assert emea["fr"]["gate"]["status"] == "warn"
    assert japanese["locale"] == "ja" and list(japanese["regions"]) == ["apac"]
    ja = japanese["regions"]["apac"]
    assert 0 < ja["completion"]["messages"]["messages"] <= 1 and ja["target"] == 0.85
    assert unknown.status_code == 404 and malformed.status_code == 400


def test_badge_is_svg_with_the_completion(live: Live) -> None:
    with live.client() as client:
        badge = client.get("/v1/badges/zh-Hans.svg")
        completion = client.get("/v1/completion/zh-Hans").json()

    assert badge.headers["content-type"] == "image/svg+xml"
    root = ET.fromstring(badge.content)
    share = completion["regions"]["apac"]["completion"]["messages"]["messages"]
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["zh-Hans", f"{share:.0%}"]


def test_page_lists_every_region_and_language(live: Live, releases: Releases) -> None:
    with live.client() as client:
        page = client.get("/")

    assert page.headers["content-type"].startswith("text/html")
    for text in ("EMEA", "APAC", "Americas", "Arabic", "Japanese", releases.first):
        assert text in page.text


def test_openapi_documents_every_route(live: Live) -> None:
    with live.client() as client:
        spec = client.get("/openapi.json").json()
        docs = client.get("/docs")

    paths = set(spec["paths"])
    assert {
        "/healthz",
        "/v1/manifest",
        "/v1/bundles/{region}/{locale}",
        "/v1/releases/{release_id}/{file_path}",
        "/v1/negotiate",
        "/v1/rules",
        "/v1/rules/{rule_id}",
        "/v1/residency",
        "/v1/notices/{rule_id}/{locale}",
        "/v1/completion",
        "/v1/completion/{locale}",
        "/v1/badges/{locale}.svg",
        "/v1/releases/{release_id}/activate",
    } <= paths
    assert all(
        op.get("summary") or op.get("description")
        for p in spec["paths"].values()
        for op in p.values()
    )
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_metrics_count_requests_by_route(live: Live, releases: Releases) -> None:
    with live.client() as client:
        client.get("/v1/bundles/emea/de")
        client.get("/v1/bundles/mars/de")
        text = client.get("/metrics").text

    assert 'route="/v1/bundles/{region}/{locale}"' in text
    assert 'status="404"' in text and 'status="200"' in text
    assert "i18n_api_request_seconds_bucket" in text
    assert f'i18n_api_release_info{{release_id="{releases.first}"}} 1.0' in text


def test_access_log_is_one_structured_record_per_request(
    live: Live, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="api.access"), live.client() as client:
        client.get("/v1/rules", params={"country": "FR"})

    records = [
        r for r in caplog.records if r.name == "api.access" and "/v1/rules" in r.getMessage()
    ]
    assert records
    http = records[-1].http  # type: ignore[attr-defined]
    assert http["status"] == 200 and http["route"] == "/v1/rules" and http["ms"] >= 0


def test_head_answers_the_headers_without_a_body(live: Live) -> None:
    with live.client() as client:
        for path in ("/v1/manifest", "/v1/bundles/emea/de", "/v1/rules?country=DE", "/healthz"):
            get = client.get(path, headers=IDENTITY)
            head = client.head(path, headers=IDENTITY)
            assert head.status_code == 200, path
            assert head.content == b""
            assert head.headers["content-length"] == str(len(get.content))
            assert head.headers["etag"] == get.headers["etag"]
