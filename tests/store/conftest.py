"""Fixtures for store tests: a local store, and an S3 store on a real moto server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from i18n_pipeline.artifacts import sha256_hex
from i18n_pipeline.manifest import (
    Completion,
    FallbackExposure,
    FileEntry,
    Gate,
    LocaleEntry,
    Manifest,
    RegionEntry,
)
from i18n_pipeline.store.base import ReleaseStore
from i18n_pipeline.store.local import LocalStore
from i18n_pipeline.store.s3 import S3Store


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A moto S3 server on 127.0.0.1 with an ephemeral port, for the whole session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    assert host == "127.0.0.1"
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dummy credentials, so boto3 never looks for real ones."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "moto-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "moto-test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def bucket(moto_endpoint: str, aws_env: None, request: pytest.FixtureRequest) -> str:
    """A fresh bucket on the moto server, named after the test."""
    name = "t-" + "".join(c if c.isalnum() else "-" for c in request.node.name.lower())[:50]
    name = name.strip("-")
    client = boto3.client("s3", endpoint_url=moto_endpoint)
    client.create_bucket(Bucket=name)
    return name


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ReleaseStore:
    """Each store test runs against both backends."""
    if request.param == "local":
        return LocalStore(tmp_path / "releases")
    endpoint = request.getfixturevalue("moto_endpoint")
    name = request.getfixturevalue("bucket")
    return S3Store(f"s3://{name}/i18n/prod", endpoint_url=endpoint)


def file_entry(path: str, data: bytes) -> FileEntry:
    return FileEntry(
        path=path,
        kind="bundle",
        format="gettext",
        domain="messages",
        sha256=sha256_hex(data),
        size=len(data),
    )


def small_manifest(release_id: str, files: dict[str, bytes]) -> Manifest:
    """A valid manifest whose one locale lists ``files``."""
    completion = Completion(
        total=2,
        translated=2,
        fuzzy=0,
        untranslated=0,
        total_words=4,
        translated_words=4,
        messages=1.0,
        words=1.0,
    )
    locale = LocaleEntry(
        locale="de",
        catalog="de",
        name="German",
        priority="P1",
        target=0.75,
        completion={"messages": completion},
        gate=Gate(status="pass", reason="100% >= 75%"),
        fallback=["en"],
        fallback_exposure=FallbackExposure(messages=0),
        files=[file_entry(path, data) for path, data in files.items()],
    )
    region = RegionEntry(
        name="EMEA", cloud_regions=["eu-west-1"], countries=["DE"], locales={"de": locale}
    )
    return Manifest(
        release_id=release_id,
        created_at=datetime(2026, 12, 3, 20, 18, tzinfo=UTC),
        source_commit=None,
        source_locale="en",
        inputs_sha256="0" * 64,
        regions={"emea": region},
    )
