"""Cache-Control per tier, representation choice and ETag matching (no server needed)."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from api.caching import CachePolicy, Content, choose_encoding, make_resource, not_modified, select
from i18n_pipeline.config import Tier, load_caching

CACHING = load_caching(Path(__file__).resolve().parents[2] / "locales" / "caching.yaml")


@pytest.mark.parametrize(
    ("tier", "content", "value"),
    [
        (Tier.EDGE, Content.BUNDLE, "public, max-age=86400"),
        (Tier.REGIONAL, Content.BUNDLE, "public, max-age=7200"),
        (Tier.GLOBAL, Content.BUNDLE, "public, max-age=86400"),
        (Tier.EDGE, Content.RULES, "public, max-age=86400"),
        (Tier.REGIONAL, Content.RULES, "public, max-age=86400"),
        (Tier.EDGE, Content.MANIFEST, "public, max-age=300"),
        (Tier.GLOBAL, Content.MANIFEST, "public, max-age=300"),
        (Tier.EDGE, Content.COMPLETION, "public, max-age=300"),
        (Tier.REGIONAL, Content.COMPLETION, "public, max-age=3600"),
        (Tier.REGIONAL, Content.RELEASE_FILE, "public, max-age=31536000, immutable"),
    ],
)
def test_cache_control_follows_the_tier_table(tier: Tier, content: Content, value: str) -> None:
    assert CachePolicy.for_tier(CACHING, tier).header(content) == value


def test_every_content_has_a_value_at_every_tier() -> None:
    for tier in Tier:
        policy = CachePolicy.for_tier(CACHING, tier)
        assert set(policy.values) == set(Content)


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("br", "br"),
        ("gzip, deflate", "gzip"),
        ("gzip;q=0.5, br;q=0.4", "br"),  # both acceptable: the smaller coding wins
        ("br;q=0, gzip", "gzip"),
        ("*;q=0", None),
        ("identity", None),
        ("", None),
        ("gzip;q=garbage", None),
    ],
)
def test_encoding_choice(header: str, chosen: str | None) -> None:
    assert choose_encoding(header) == chosen


def test_each_representation_has_its_own_strong_etag() -> None:
    body = b'{"key": "value"}' * 200
    resource = make_resource(body, "application/json", "public, max-age=60", "abc")

    identity = select(resource, None, None)
    gz = select(resource, "gzip", None)
    br = select(resource, "br", None)

    assert identity[2] == body
    assert gzip.decompress(gz[2]) == body and brotli.decompress(br[2]) == body
    tags = {dict(h)[b"etag"] for _, h, _ in (identity, gz, br)}
    assert tags == {b'"abc"', b'"abc-gzip"', b'"abc-br"'}
    assert select(resource, "br", '"abc-gzip"')[0] == 304  # any representation validates
    assert not not_modified('"abd"', resource)
