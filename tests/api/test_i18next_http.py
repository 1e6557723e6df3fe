"""Real i18next with i18next-http-backend under Node loads bundles from the live API."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import Live

JS_DIR = Path(__file__).resolve().parents[1] / "js"
SCRIPT = JS_DIR / "i18next_http_check.mjs"

pytestmark = [
    pytest.mark.node,
    pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed"),
    pytest.mark.skipif(
        not (JS_DIR / "node_modules" / "i18next-http-backend").is_dir(),
        reason="run `make node-deps` (npm ci in tests/js)",
    ),
]


def run_node(spec: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        cwd=JS_DIR,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_french_plurals_render_from_the_served_bundle(live: Live) -> None:
    counts = [0, 1, 2, 5, 1_000_000]
    result = run_node(
        {
            "base": live.url,
            "region": "emea",
            "lng": "fr",
            "fallbackLng": ["en"],
            "calls": [{"key": "{count} job", "options": {"count": n}} for n in counts]
            + [{"key": "Hello, {name}!", "options": {"name": "Ana"}}],
        }
    )

    values = [answer["value"] for answer in result["answers"]]
    assert values == [
        "0 offre",  # CLDR French: 0 and 1 are "one"
        "1 offre",
        "2 offres",
        "5 offres",
        "1000000 d’offres",  # "many"
        "Bonjour, Ana !",
    ]
    assert all(answer["usedLng"] == "fr" for answer in result["answers"][:5])
    assert any(url.endswith("/v1/bundles/emea/fr?domain=messages") for url in result["loaded"])


def test_an_excluded_locale_falls_back_to_english_through_the_service(live: Live) -> None:
    result = run_node(
        {
            "base": live.url,
            "region": "emea",
            "lng": "ar",
            "fallbackLng": ["en"],
            "calls": [{"key": "{count} job", "options": {"count": n}} for n in (1, 3)],
        }
    )

    assert [a["value"] for a in result["answers"]] == ["1 job", "3 jobs"]
