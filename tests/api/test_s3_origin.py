"""The API serves a release from an S3-compatible store (a real moto server on loopback)."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto.server import ThreadedMotoServer

from i18n_pipeline.config import Settings
from i18n_pipeline.store import open_store
from i18n_pipeline.store.s3 import S3Store
from tests.api.conftest import Live, Releases, serve


@pytest.fixture
def s3_settings(releases: Releases, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The first release copied into a bucket on a moto server, made current there."""
    for name, value in (("AWS_ACCESS_KEY_ID", "moto"), ("AWS_SECRET_ACCESS_KEY", "moto")):
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="releases")
    local = open_store(releases.settings)
    remote = S3Store("s3://releases/i18n", endpoint_url=endpoint)
    manifest = local.read_manifest(releases.first)
    for entry in manifest.files():
        remote.put_file(releases.first, entry.path, local.get_bytes(releases.first, entry.path))
    remote.write_manifest(manifest)
    remote.set_current(releases.first)
    try:
        yield Settings(
            root=releases.settings.root, store_url="s3://releases/i18n", s3_endpoint_url=endpoint
        )
    finally:
        server.stop()


def test_bundles_from_s3_match_the_local_release(
    s3_settings: Settings, live: Live, releases: Releases
) -> None:
    for node in serve(s3_settings):
        with node.client() as client, live.client() as local:
            health = client.get("/healthz").json()
            for path in ("/v1/manifest", "/v1/bundles/apac/zh-CN", "/v1/rules?country=DE"):
                assert client.get(path).content == local.get(path).content, path

    assert health["release_id"] == releases.first and health["files"] > 0
