"""An edge node mirrors a regional one, verifies every file, and serves identical bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from typer.testing import CliRunner

from i18n_pipeline.cli.main import app as cli
from i18n_pipeline.config import Settings, Tier
from i18n_pipeline.edge import EdgeSyncError, sync_edge
from i18n_pipeline.release import verify_release
from i18n_pipeline.store import open_store
from i18n_pipeline.store.local import LocalStore
from tests.api.conftest import Live, Releases, serve, start_server, stop_server


def edge_settings(releases: Releases, mirror: Path) -> Settings:
    return Settings(root=releases.settings.root, store_url=str(mirror), tier=Tier.EDGE)


def test_edge_serves_the_regional_bytes(live: Live, releases: Releases, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    result = sync_edge(live.url, mirror)
    manifest = open_store(releases.settings).read_manifest(releases.first)

    assert result.switched and result.release_id == releases.first
    assert len(result.downloaded) == len(manifest.files())
    for edge in serve(edge_settings(releases, mirror)):
        with live.client() as regional, edge.client() as client:
            for path in [
                "/v1/manifest",
                *(f"/v1/releases/{releases.first}/{f.path}" for f in manifest.files()),
            ]:
                assert client.get(path).content == regional.get(path).content, path
            bundle = client.get("/v1/bundles/emea/de")
            assert bundle.content == regional.get("/v1/bundles/emea/de").content
            assert bundle.headers["cache-control"] == "public, max-age=86400"  # edge tier


def test_a_second_sync_downloads_nothing(live: Live, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    sync_edge(live.url, mirror)
    again = sync_edge(live.url, mirror)

    assert again.downloaded == [] and not again.switched


def test_a_new_release_downloads_only_the_files_it_lacks(
    private: Live, releases: Releases, tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    sync_edge(private.url, mirror)
    token = "correct-horse-battery"
    with private.client() as client:
        moved = client.post(
            f"/v1/releases/{releases.second}/activate", headers={"authorization": f"Bearer {token}"}
        )
    assert moved.status_code == 200
    result = sync_edge(private.url, mirror)

    assert result.switched and result.release_id == releases.second
    assert result.downloaded and all(path.startswith("emea/de/") for path in result.downloaded)
    assert result.linked > 0
    assert LocalStore(mirror).current().release_id == releases.second  # type: ignore[union-attr]


@pytest.fixture
def corrupting(live: Live) -> Iterator[str]:
    """A real proxy on loopback that passes the manifest but flips a byte of one file."""
    upstream = httpx.Client(base_url=live.url)
    state = {"flipped": False}

    async def relay(request: Request) -> Response:
        answer = upstream.get(request.url.path, headers={"accept-encoding": "identity"})
        body = answer.content
        if "/v1/releases/" in request.url.path and not state["flipped"]:
            state["flipped"] = True
            body = bytes([body[0] ^ 0x01]) + body[1:]
        return Response(body, status_code=answer.status_code)

    proxy = Starlette(routes=[Route("/{path:path}", relay)])
    proxied, running = start_server(proxy, live.settings)  # type: ignore[arg-type]
    try:
        yield proxied.url
    finally:
        stop_server(running)
        upstream.close()


def test_a_corrupt_download_never_becomes_current(
    corrupting: str, live: Live, tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"

    with pytest.raises(EdgeSyncError, match="sha256"):
        sync_edge(corrupting, mirror)

    store = LocalStore(mirror)
    assert store.current() is None and store.list_releases() == []
    staging = mirror / ".staging"
    assert not staging.exists() or list(staging.iterdir()) == []


def test_edge_sync_command_reports_and_exits_zero(live: Live, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["edge", "sync", "--source", live.url, "--dest", str(tmp_path / "m")]
    )

    assert result.exit_code == 0, result.output
    assert "now current" in result.output


def test_edge_sync_command_exits_one_when_the_source_is_down(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["edge", "sync", "--source", "http://127.0.0.1:9", "--dest", str(tmp_path / "m")]
    )

    assert result.exit_code == 1
    assert "cannot fetch" in result.output


def test_older_mirrored_releases_beyond_keep_are_pruned(
    private: Live, releases: Releases, tmp_path: Path
) -> None:
    mirror = tmp_path / "mirror"
    sync_edge(private.url, mirror, keep=1)
    with private.client() as client:
        answer = client.post(
            f"/v1/releases/{releases.second}/activate",
            headers={"authorization": "Bearer correct-horse-battery"},
        )
        assert answer.status_code == 200, answer.text
        assert client.get("/v1/manifest").json()["release_id"] == releases.second
    result = sync_edge(private.url, mirror, keep=1)

    store = LocalStore(mirror)
    assert result.pruned == [releases.first]
    assert store.list_releases() == [releases.second]
    assert verify_release(store).ok  # shared (hardlinked) files survived the prune
