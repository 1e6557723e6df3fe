"""``/v1/negotiate``: Accept-Language q-values and fallback chains, per region."""

from __future__ import annotations

import pytest

from tests.api.conftest import Live, Releases


@pytest.mark.parametrize(
    ("region", "header", "locale", "matched"),
    [
        ("apac", "ja", "ja", "ja"),
        ("apac", "fr, ja;q=0.9", "ja", "ja"),  # fr is not shipped in apac
        ("apac", "ja;q=0.5, zh-CN;q=0.8", "zh-Hans", "zh-CN"),  # q beats order
        ("apac", "zh-TW", "en", None),  # Traditional never falls back to Simplified
        ("apac", "en-GB, ja", "en", "en-GB"),  # the source language is a real match
        ("emea", "ar, de;q=0.5", "de", "de"),  # ar is excluded by its gate
        ("emea", "de-CH;q=0.9, fr;q=0", "de", "de-CH"),  # q=0 means "not this"
        ("emea", "*, fr;q=0.1", "fr", "fr"),
        ("emea", "en--US, @@@, fr", "fr", "fr"),  # malformed ranges are skipped
        ("emea", "", "en", None),
        ("americas", "pt-BR, es-MX;q=0.7", "es", "es-MX"),
    ],
)
def test_negotiation_picks_the_first_acceptable_shipped_locale(
    live: Live, releases: Releases, region: str, header: str, locale: str, matched: str | None
) -> None:
    with live.client() as client:
        answer = client.get(
            "/v1/negotiate", params={"region": region}, headers={"accept-language": header}
        )

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["locale"], body["matched"]) == (locale, matched)
    assert body["bundle_url"] == f"/v1/bundles/{region}/{locale}"
    assert body["file_url"].startswith(f"/v1/releases/{releases.first}/{region}/{locale}/")
    assert body["fallback"][-1:] == ([] if locale == "en" else ["en"])


def test_negotiation_varies_on_accept_language_and_its_urls_resolve(live: Live) -> None:
    with live.client() as client:
        answer = client.get(
            "/v1/negotiate", params={"region": "apac"}, headers={"accept-language": "zh-SG"}
        )
        body = answer.json()
        bundle = client.get(body["bundle_url"])
        file = client.get(body["file_url"])
        again = client.get(
            "/v1/negotiate",
            params={"region": "apac"},
            headers={"accept-language": "zh-SG", "if-none-match": answer.headers["etag"]},
        )

    vary = [v.strip().lower() for v in answer.headers["vary"].split(",")]
    assert {"accept-language", "accept-encoding"} <= set(vary)
    assert answer.headers["cache-control"] == "public, max-age=300"
    assert bundle.headers["content-language"] == "zh-Hans" and bundle.content == file.content
    assert again.status_code == 304
