"""Cache headers, strong ETags, conditional GETs and precompressed variants.

Everything a response needs is computed once, when a release is loaded, into
a :class:`Resource`: the body, its gzip and brotli forms (bodies over 1 KB),
one strong ETag per representation and the header lists ready to send. A
request then only picks a representation (:func:`choose_encoding`) and checks
``If-None-Match`` (:func:`not_modified`).

Cache-Control by endpoint and tier
----------------------------------
TTLs come from ``locales/caching.yaml`` (``Settings.caching``); the tier a
node is deployed at (``I18N_TIER``) picks the row. :data:`POLICY` says which
row and content kind each endpoint uses:

===============  ==================  =====================  ====================
content          edge                regional               global
===============  ==================  =====================  ====================
release files    immutable, 1 year   immutable, 1 year      immutable, 1 year
bundles          edge static 24 h    regional frequent 2 h  global reference 24 h
notices          edge static 24 h    regional frequent 2 h  global reference 24 h
rules            global reference    global reference       global reference
manifest         edge api 5 min      edge api 5 min         edge api 5 min
completion       edge api 5 min      regional computed 1 h  edge api 5 min
negotiation      edge api 5 min      edge api 5 min         edge api 5 min
pages, badges    edge api 5 min      regional computed 1 h  edge api 5 min
===============  ==================  =====================  ====================

Why: an edge node answers browsers, so bundles get the edge's 24 h. A
regional node mostly answers edge caches and mirrors; its bundles keep 2 h so
an edge cache holds a superseded bundle for at most that long after a
release. Rule data is reference data at every tier. The manifest and
negotiation name the release being served, so they stay at 5 min everywhere:
an edge sync or a client sees a new release within minutes.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from enum import StrEnum

import brotli

from i18n_pipeline.config import Caching, Tier

COMPRESS_MIN_BYTES = 1024
# Brotli's best quality is ~10 % smaller than quality 6 on a bundle but ~20x
# slower; it runs once per release load, off the request path, so bodies up to
# _BEST_UP_TO get it and larger ones (rule datasets) the fast setting.
_BROTLI_BEST = 11
_BROTLI_FAST = 6
_BEST_UP_TO = 128 * 1024
_GZIP_LEVEL = 9

Headers = list[tuple[bytes, bytes]]


class Content(StrEnum):
    """The kinds of response that differ in caching."""

    RELEASE_FILE = "release_file"
    BUNDLE = "bundle"
    NOTICE = "notice"
    RULES = "rules"
    MANIFEST = "manifest"
    COMPLETION = "completion"
    NEGOTIATION = "negotiation"
    PAGE = "page"


#: Content -> deployment tier -> (caching.yaml tier row, content kind in that row).
POLICY: dict[Content, dict[Tier, tuple[Tier, str]]] = {
    Content.BUNDLE: {
        Tier.EDGE: (Tier.EDGE, "static"),
        Tier.REGIONAL: (Tier.REGIONAL, "frequent"),
        Tier.GLOBAL: (Tier.GLOBAL, "reference"),
    },
    Content.RULES: {tier: (Tier.GLOBAL, "reference") for tier in Tier},
    Content.MANIFEST: {tier: (Tier.EDGE, "api") for tier in Tier},
    Content.NEGOTIATION: {tier: (Tier.EDGE, "api") for tier in Tier},
    Content.COMPLETION: {
        Tier.EDGE: (Tier.EDGE, "api"),
        Tier.REGIONAL: (Tier.REGIONAL, "computed"),
        Tier.GLOBAL: (Tier.EDGE, "api"),
    },
}
POLICY[Content.NOTICE] = POLICY[Content.BUNDLE]
POLICY[Content.PAGE] = POLICY[Content.COMPLETION]


@dataclass(frozen=True)
class CachePolicy:
    """The Cache-Control value of every :class:`Content` at one tier."""

    tier: Tier
    values: dict[Content, str]

    @classmethod
    def for_tier(cls, caching: Caching, tier: Tier) -> CachePolicy:
        """Resolve :data:`POLICY` against the TTLs of ``caching``."""
        values = {Content.RELEASE_FILE: f"public, max-age={caching.immutable_max_age}, immutable"}
        for content, by_tier in POLICY.items():
            row, kind = by_tier[tier]
            values[content] = f"public, max-age={caching.ttl(row, kind)}"
        return cls(tier, values)

    def header(self, content: Content) -> str:
        return self.values[content]


@dataclass(frozen=True, slots=True)
class Variant:
    """One representation of a resource: identity, gzip or brotli."""

    body: bytes
    etag: bytes
    headers: Headers
    not_modified: Headers


@dataclass(frozen=True, slots=True)
class Resource:
    """A response body with every representation and header prepared."""

    identity: Variant
    gzip: Variant | None = None
    br: Variant | None = None
    etags: frozenset[bytes] = field(default_factory=frozenset)

    @property
    def body(self) -> bytes:
        return self.identity.body

    @property
    def etag(self) -> str:
        return self.identity.etag.decode()

    def variant(self, encoding: str | None) -> Variant:
        if encoding == "br" and self.br is not None:
            return self.br
        if encoding == "gzip" and self.gzip is not None:
            return self.gzip
        return self.identity


def make_resource(
    body: bytes,
    media_type: str,
    cache_control: str,
    tag: str,
    *,
    extra: Headers | None = None,
    vary: str = "Accept-Encoding",
    packed: tuple[bytes | None, bytes | None] | None = None,
) -> Resource:
    """Prepare ``body`` for serving; ``tag`` (a content hash) makes the strong ETags.

    >>> res = make_resource(b"x" * 2000, "text/plain", "public, max-age=60", "ab12")
    >>> res.etag, res.gzip is not None, res.br is not None
    ('"ab12"', True, True)
    >>> make_resource(b"tiny", "text/plain", "no-store", "cd34").gzip is None
    True

    ``packed`` passes the gzip and brotli bodies of :func:`compress` when the
    same bytes are served under several URLs, so they are compressed once.
    """
    common: Headers = [
        (b"etag", b""),
        (b"cache-control", cache_control.encode()),
        (b"vary", vary.encode()),
        *(extra or []),
    ]
    identity = _variant(body, f'"{tag}"', media_type, common, None)
    gz_body, br_body = packed if packed is not None else compress(body)
    gz = _variant(gz_body, f'"{tag}-gzip"', media_type, common, "gzip") if gz_body else None
    br = _variant(br_body, f'"{tag}-br"', media_type, common, "br") if br_body else None
    etags = frozenset(v.etag for v in (identity, gz, br) if v is not None)
    return Resource(identity, gz, br, etags)


def compress(body: bytes) -> tuple[bytes | None, bytes | None]:
    """gzip and brotli forms of ``body`` when it is over 1 KB and they are smaller."""
    if len(body) <= COMPRESS_MIN_BYTES:
        return None, None
    gz = gzip.compress(body, _GZIP_LEVEL, mtime=0)
    quality = _BROTLI_BEST if len(body) <= _BEST_UP_TO else _BROTLI_FAST
    br = brotli.compress(body, quality=quality)
    return (gz if len(gz) < len(body) else None), (br if len(br) < len(body) else None)


def _variant(
    body: bytes, etag: str, media_type: str, common: Headers, encoding: str | None
) -> Variant:
    tagged = [
        (b"etag", etag.encode()) if name == b"etag" else (name, value) for name, value in common
    ]
    headers = [
        (b"content-type", media_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *tagged,
    ]
    if encoding:
        headers.append((b"content-encoding", encoding.encode()))
    return Variant(body, etag.encode(), headers, tagged)


def choose_encoding(accept_encoding: str | None) -> str | None:
    """The best coding the client accepts: ``br``, then ``gzip``, else None (identity).

    >>> choose_encoding("gzip, deflate, br"), choose_encoding("gzip;q=1.0, br;q=0")
    ('br', 'gzip')
    >>> choose_encoding(None), choose_encoding("identity"), choose_encoding("*")
    (None, None, 'br')
    """
    if not accept_encoding:
        return None
    accepted: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip().replace(" ", "")
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        accepted[name.strip().lower()] = quality
    star = accepted.get("*", 0.0)
    for coding in ("br", "gzip"):
        if accepted.get(coding, star) > 0:
            return coding
    return None


def not_modified(if_none_match: str | None, resource: Resource) -> bool:
    """Whether ``If-None-Match`` names any representation of ``resource`` (or is ``*``).

    >>> res = make_resource(b"body", "text/plain", "no-store", "ab12")
    >>> not_modified('"ab12"', res), not_modified('W/"ab12", "zz"', res), not_modified('"zz"', res)
    (True, True, False)
    """
    if not if_none_match:
        return False
    for item in if_none_match.split(","):
        candidate = item.strip()
        if candidate == "*":
            return True
        candidate = candidate.removeprefix("W/")
        if candidate.encode() in resource.etags:
            return True
    return False


def select(
    resource: Resource, accept_encoding: str | None, if_none_match: str | None
) -> tuple[int, Headers, bytes]:
    """Status, headers and body to send for a GET of ``resource``."""
    variant = resource.variant(choose_encoding(accept_encoding))
    if not_modified(if_none_match, resource):
        return 304, variant.not_modified, b""
    return 200, variant.headers, variant.body
