"""``i18n serve`` runs the API under uvicorn, with JSON access logs on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import Releases, free_socket

I18N = Path(sys.executable).with_name("i18n")


@pytest.mark.slow
def test_serve_answers_and_logs_json_lines(releases: Releases, tmp_path: Path) -> None:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    log = tmp_path / "serve.log"
    env = {**os.environ, "I18N_POLL_SECONDS": "0"}
    cmd = [str(I18N), "serve", "--port", str(port), "--tier", "edge"]
    cmd += ["--root", str(releases.settings.root)]
    with open(log, "wb") as sink:
        server = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"{url}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "i18n serve did not answer"
                time.sleep(0.1)
        bundle = httpx.get(f"{url}/v1/bundles/emea/de")
    finally:
        server.terminate()
        server.wait(timeout=15)

    assert health.json()["release_id"] == releases.first and health.json()["tier"] == "edge"
    assert bundle.headers["cache-control"] == "public, max-age=86400"
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "api.access"]
    assert any(
        line["http"]["route"] == "/v1/bundles/{region}/{locale}" and line["http"]["status"] == 200
        for line in access
    )
