"""Both release stores honour one contract: invisible until published, immutable,
an atomic pointer, errors as StoreError."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest

from i18n_pipeline.errors import StoreError
from i18n_pipeline.store.base import ReleaseStore
from tests.store.conftest import small_manifest

A = "20261203T201800Z-aaaaaaaaaa"
B = "20261203T211800Z-bbbbbbbbbb"
FILES = {"emea/de/messages.gettext.0123456789ab.json": b'{"Hello": "Hallo"}\n'}


def publish(store: ReleaseStore, release_id: str, files: dict[str, bytes] = FILES) -> None:
    for path, data in files.items():
        store.put_file(release_id, path, data)
    store.write_manifest(small_manifest(release_id, files))


def test_release_is_invisible_until_its_manifest_is_written(store: ReleaseStore) -> None:
    path, data = next(iter(FILES.items()))
    store.put_file(A, path, data)

    assert store.list_releases() == []
    with pytest.raises(StoreError, match="not found"):
        store.read_manifest(A)

    store.write_manifest(small_manifest(A, FILES))
    assert store.list_releases() == [A]
    assert store.get_bytes(A, path) == data
    assert store.exists(A, path)
    assert not store.exists(A, "emea/de/other.json")
    assert store.read_manifest(A).release_id == A


def test_published_release_cannot_be_published_again(store: ReleaseStore) -> None:
    publish(store, A)
    with pytest.raises(StoreError, match="already published"):
        store.write_manifest(small_manifest(A, FILES))


def test_pointer_moves_between_published_releases_only(store: ReleaseStore) -> None:
    assert store.current() is None
    publish(store, A)
    publish(store, B)

    assert store.set_current(A).release_id == A
    assert store.current() is not None and store.current().release_id == A  # type: ignore[union-attr]
    store.set_current(B)
    assert store.current().release_id == B  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="not found"):
        store.set_current("20261203T221800Z-cccccccccc")
    assert store.current().release_id == B  # type: ignore[union-attr]


def test_discard_removes_an_unpublished_release(store: ReleaseStore) -> None:
    publish(store, A)
    path, data = next(iter(FILES.items()))
    store.put_file(B, path, data)

    store.discard(B)

    assert store.list_releases() == [A]
    store.put_file(B, path, data)  # a discarded id can be written afresh
    store.write_manifest(small_manifest(B, FILES))
    assert store.list_releases() == [A, B]


def test_reuse_file_takes_identical_bytes_from_an_earlier_release(store: ReleaseStore) -> None:
    publish(store, A)
    path, data = next(iter(FILES.items()))

    assert store.reuse_file(B, path, A)
    assert not store.reuse_file(B, "emea/de/absent.0123456789ab.json", A)
    store.write_manifest(small_manifest(B, FILES))
    assert store.get_bytes(B, path) == data


def test_delete_release_refuses_current_and_removes_others(store: ReleaseStore) -> None:
    publish(store, A)
    publish(store, B)
    store.set_current(B)

    with pytest.raises(StoreError, match="is current"):
        store.delete_release(B)
    store.delete_release(A)

    assert store.list_releases() == [B]
    with pytest.raises(StoreError):
        store.get_bytes(A, next(iter(FILES)))
    with pytest.raises(StoreError, match="not found"):
        store.delete_release(A)


def test_paths_that_escape_the_release_are_refused(store: ReleaseStore) -> None:
    with pytest.raises(StoreError, match="invalid file path"):
        store.put_file(A, "../current", b"{}")
    with pytest.raises(StoreError, match="invalid release id"):
        store.put_file("../x", "a.json", b"{}")


def test_open_url_serves_the_file(store: ReleaseStore) -> None:
    publish(store, A)
    path, data = next(iter(FILES.items()))

    url = store.open_url(A, path)

    assert url.startswith(("file://", "http://127.0.0.1"))
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - file or 127.0.0.1
        assert response.read() == data


def test_local_files_are_read_only_and_hardlinked_on_reuse(tmp_path: Path) -> None:
    from i18n_pipeline.store.local import LocalStore

    store = LocalStore(tmp_path / "r")
    publish(store, A)
    path = next(iter(FILES))
    store.reuse_file(B, path, A)
    store.write_manifest(small_manifest(B, FILES))

    first, second = (tmp_path / "r" / "releases" / rid / path for rid in (A, B))
    assert first.stat().st_ino == second.stat().st_ino
    assert first.stat().st_mode & 0o222 == 0


def test_local_store_in_unwritable_place_raises_store_error(tmp_path: Path) -> None:
    from i18n_pipeline.store.local import LocalStore

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    store = LocalStore(blocker / "releases")

    with pytest.raises(StoreError, match="cannot write release file") as info:
        store.put_file(A, "emea/de/x.json", b"{}")
    assert info.value.__cause__ is not None


def test_s3_store_on_missing_bucket_raises_store_error(moto_endpoint: str, aws_env: None) -> None:
    from i18n_pipeline.store.s3 import S3Store

    store = S3Store("s3://no-such-bucket/p", endpoint_url=moto_endpoint)

    with pytest.raises(StoreError, match="no-such-bucket.*NoSuchBucket") as info:
        store.put_file(A, "emea/de/x.json", b"{}")
    assert info.value.__cause__ is not None


def test_open_store_picks_backend_from_settings(tmp_path: Path) -> None:
    from i18n_pipeline.config import Settings
    from i18n_pipeline.store import LocalStore, open_store
    from i18n_pipeline.store.s3 import S3Store

    local = open_store(Settings(root=tmp_path))
    assert isinstance(local, LocalStore) and local.root == tmp_path / "var" / "releases"
    s3 = open_store(
        Settings(root=tmp_path, store_url="s3://b/p", s3_endpoint_url="http://127.0.0.1:1")
    )
    assert isinstance(s3, S3Store) and (s3.bucket, s3.prefix) == ("b", "p")


def test_damaged_pointer_and_manifest_are_store_errors(tmp_path: Path) -> None:
    from i18n_pipeline.store.local import LocalStore

    store = LocalStore(tmp_path / "r")
    publish(store, A)
    (tmp_path / "r" / "current").write_text("{not json")
    manifest = tmp_path / "r" / "releases" / A / "manifest.json"
    manifest.chmod(0o644)
    manifest.write_text('{"release_id": 3}')

    with pytest.raises(StoreError, match="current pointer is unreadable"):
        store.current()
    with pytest.raises(StoreError, match=r"manifest\.json: the manifest is invalid") as info:
        store.read_manifest(A)
    assert str(info.value).endswith(
        "the manifest is invalid: release_id: input should be a valid string (and 5 more problems)"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{", "invalid JSON: EOF while parsing an object at line 1 column 1"),
        (b"[]", "input should be an object"),
        (b"{}", "release_id: field required (and 5 more problems)"),
    ],
)
def test_a_bad_manifest_is_one_short_line_without_pydantic_boilerplate(
    data: bytes, reason: str
) -> None:
    from i18n_pipeline.store.base import ManifestUnreadable, parse_manifest

    with pytest.raises(ManifestUnreadable) as info:
        parse_manifest(data, "releases/x/manifest.json")

    assert info.value.reason == reason
    assert str(info.value) == f"releases/x/manifest.json: the manifest is invalid: {reason}"
    assert "pydantic" not in str(info.value) and "\n" not in str(info.value)


def test_discard_stale_drops_only_old_unpublished_releases(store: ReleaseStore) -> None:
    from datetime import timedelta

    publish(store, A)
    path, data = next(iter(FILES.items()))
    store.put_file(B, path, data)

    assert store.discard_stale(timedelta(hours=1)) == []  # may be a build still running
    time.sleep(1.1)
    assert store.discard_stale(timedelta(seconds=1)) == [B]

    assert store.list_releases() == [A]
    store.put_file(B, path, data)  # nothing of the dropped one is left in the way
