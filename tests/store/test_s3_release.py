"""A whole release through the S3 store on a moto server: publish, reuse by
server-side copy, verify, roll back, and a missing bucket stopping the build."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest

from i18n_pipeline.config import Settings
from i18n_pipeline.errors import StoreError
from i18n_pipeline.release import activate_release, build, diff_releases, verify_release
from i18n_pipeline.store import open_store
from i18n_pipeline.store.s3 import S3Store
from tests.release_support import make_project, replace_in_catalog


@pytest.fixture
def s3_settings(
    tmp_path: Path, bucket: str, moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    monkeypatch.setenv("I18N_STORE_URL", f"s3://{bucket}/i18n")
    monkeypatch.setenv("I18N_S3_ENDPOINT_URL", moto_endpoint)
    make_project(tmp_path / "project")
    return Settings(root=tmp_path / "project")


def test_release_round_trip_through_s3(s3_settings: Settings, moto_endpoint: str) -> None:
    store = open_store(s3_settings)
    assert isinstance(store, S3Store)
    first = build(s3_settings, store)
    replace_in_catalog(s3_settings, "es", 'msgstr "Guardar"', 'msgstr "Salvar"')

    second = build(s3_settings, store)

    assert first.written == first.files
    assert second.written == 3 and second.reused == second.files - 3
    assert verify_release(store).ok
    keys = {
        obj["Key"]
        for obj in boto3.client("s3", endpoint_url=moto_endpoint).list_objects_v2(
            Bucket=store.bucket, Prefix="i18n/"
        )["Contents"]
    }
    assert "i18n/current" in keys
    assert f"i18n/releases/{second.manifest.release_id}/manifest.json" in keys
    diffs = diff_releases(store, first.manifest.release_id, second.manifest.release_id)
    assert [(d.locale, d.changed) for d in diffs] == [("es", ["Save"])]

    activate_release(s3_settings, store, first.manifest.release_id, reason="rollback")
    assert store.current().release_id == first.manifest.release_id  # type: ignore[union-attr]


def test_missing_bucket_stops_the_build_before_anything_is_visible(
    tmp_path: Path, moto_endpoint: str, aws_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    settings = make_project(tmp_path / "project")
    store = S3Store("s3://bucket-that-does-not-exist/i18n", endpoint_url=moto_endpoint)

    with pytest.raises(StoreError, match="bucket-that-does-not-exist.*NoSuchBucket"):
        build(settings, store)


def test_failed_upload_leaves_no_objects_and_current_unchanged(
    s3_settings: Settings, moto_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(s3_settings)
    assert isinstance(store, S3Store)
    previous = build(s3_settings, store).manifest.release_id
    replace_in_catalog(s3_settings, "es", 'msgstr "Guardar"', 'msgstr "Salvar"')
    real_put = S3Store.put_file
    calls: list[str] = []

    def put_then_fail(self: S3Store, release_id: str, path: str, data: bytes) -> None:
        calls.append(release_id)
        if len(calls) == 2:
            raise StoreError(f"s3://{self.bucket}/{path}: cannot write: connection reset")
        real_put(self, release_id, path, data)

    monkeypatch.setattr(S3Store, "put_file", put_then_fail)
    with pytest.raises(StoreError, match="connection reset"):
        build(s3_settings, store)

    client = boto3.client("s3", endpoint_url=moto_endpoint)
    listed = client.list_objects_v2(Bucket=store.bucket, Prefix=f"i18n/releases/{calls[0]}/")
    assert listed.get("KeyCount", 0) == 0
    assert store.list_releases() == [previous]
    assert store.current().release_id == previous  # type: ignore[union-attr]
    assert verify_release(store).ok
