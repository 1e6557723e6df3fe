"""A real API on 127.0.0.1: releases built by the library, uvicorn in a thread."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.settings import ApiSettings
from i18n_pipeline.config import Settings, Tier
from i18n_pipeline.release import build
from i18n_pipeline.store import open_store
from tests.release_support import DATA, replace_in_catalog

REPO = Path(__file__).resolve().parents[2]
#: Rule files shipped with the test release: EU, US federal and California, Japan.
RULE_FILES = (
    "jurisdictions.yaml",
    "gdpr.yaml",
    "us_federal.yaml",
    "us_ca_ccpa.yaml",
    "jp-appi.yaml",
)
TOKEN = "ops:correct-horse-battery"


@dataclass
class Releases:
    """The test project: two published releases, ``first`` current."""

    settings: Settings
    first: str
    second: str


def make_api_project(root: Path) -> Settings:
    """The release-test locales, the repo's caching tiers and a few real rule files."""
    shutil.copytree(DATA / "locales", root / "locales")
    shutil.copy(REPO / "locales" / "caching.yaml", root / "locales" / "caching.yaml")
    rules = root / "compliance_rules"
    shutil.copytree(REPO / "compliance_rules" / "notices", rules / "notices")
    for name in RULE_FILES:
        shutil.copy(REPO / "compliance_rules" / name, rules / name)
    return Settings(root=root, source_commit="0123456789abcdef0123")


@pytest.fixture(scope="session")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Releases:
    """Two releases built from the same project; the second changes one German string."""
    root = tmp_path_factory.mktemp("api") / "project"
    settings = make_api_project(root)
    store = open_store(settings)
    first = build(settings, store, actor="tests").manifest.release_id
    replace_in_catalog(settings, "de", 'msgstr "Speichern"', 'msgstr "Sichern"')
    second = build(settings, store, activate=False, actor="tests").manifest.release_id
    return Releases(settings, first, second)


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class Live:
    """A running server: its base URL and app."""

    url: str
    app: FastAPI
    settings: Settings

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10.0, **kwargs)  # type: ignore[arg-type]


@dataclass
class _Running:
    server: uvicorn.Server
    thread: threading.Thread


def start_server(app: FastAPI, settings: Settings) -> tuple[Live, _Running]:
    """uvicorn.Server on a free loopback port, in a thread; returns once it answers."""
    sock = free_socket()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    host, port = sock.getsockname()[:2]
    return Live(f"http://{host}:{port}", app, settings), _Running(server, thread)


def stop_server(running: _Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=15)


def serve(settings: Settings, **api: object) -> Iterator[Live]:
    """Run an app over ``settings`` for the duration of a fixture."""
    options = {"admin_token": TOKEN, "poll_seconds": 0.2, **api}
    app = create_app(settings, ApiSettings(**options))  # type: ignore[arg-type]
    live, running = start_server(app, settings)
    try:
        yield live
    finally:
        stop_server(running)


@pytest.fixture(scope="module")
def live(releases: Releases) -> Iterator[Live]:
    """A regional node over the shared store (tests using it do not move the pointer)."""
    yield from serve(releases.settings)


def private_copy(releases: Releases, target: Path, tier: Tier | None = None) -> Settings:
    """A copy of the project and its store that a test may change (activations)."""
    shutil.copytree(releases.settings.root, target, symlinks=True)
    return Settings(root=target, source_commit="0123456789abcdef0123", tier=tier or Tier.REGIONAL)


@pytest.fixture
def private(releases: Releases, tmp_path: Path) -> Iterator[Live]:
    """A node over a private copy of the store, so a test can activate releases."""
    yield from serve(private_copy(releases, tmp_path / "copy"))
