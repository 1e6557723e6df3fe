"""``POST /v1/releases/{id}/activate``: the token both ways, the record, the hot switch."""

from __future__ import annotations

import threading
import time
from collections import Counter

from i18n_pipeline import db
from i18n_pipeline.release import activate_release
from i18n_pipeline.store import open_store
from tests.api.conftest import TOKEN, Live, Releases

SECRET = TOKEN.split(":", 1)[1]


def test_activation_without_or_with_a_wrong_token_is_401(private: Live, releases: Releases) -> None:
    url = f"/v1/releases/{releases.second}/activate"
    with private.client() as client:
        none = client.post(url)
        wrong = client.post(url, headers={"authorization": "Bearer not-the-token"})
        scheme = client.post(url, headers={"authorization": f"Basic {SECRET}"})
        served = client.get("/healthz").json()["release_id"]

    for answer in (none, wrong, scheme):
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "unauthorized"
        assert answer.headers["www-authenticate"] == "Bearer"
    assert served == releases.first


def test_activation_with_the_token_switches_and_is_recorded(
    private: Live, releases: Releases
) -> None:
    with private.client() as client:
        answer = client.post(
            f"/v1/releases/{releases.second}/activate",
            headers={"authorization": f"Bearer {SECRET}", "x-actor": "alice"},
            json={"reason": "roll forward for the German fix"},
        )
        bundle = client.get("/v1/bundles/emea/de").json()
        health = client.get("/healthz").json()

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["release_id"] == releases.second and body["serving"] == releases.second
    assert body["previous_release_id"] == releases.first
    assert body["actor"] == "alice (token ops)"
    assert bundle["Save"] == "Sichern" and health["release_id"] == releases.second
    recorded = db.activations(private.settings, releases.second)
    assert [(a.actor, a.reason) for a in recorded] == [
        ("alice (token ops)", "roll forward for the German fix")
    ]


def test_unknown_release_is_404_and_nothing_moves(private: Live, releases: Releases) -> None:
    with private.client() as client:
        answer = client.post(
            "/v1/releases/20991231T000000Z-0000000000/activate",
            headers={"authorization": f"Bearer {SECRET}"},
        )
        served = client.get("/healthz").json()["release_id"]

    assert answer.status_code == 404 and answer.json()["error"]["code"] == "unknown_release"
    assert served == releases.first


def test_hot_switch_under_concurrent_requests_has_no_error(
    private: Live, releases: Releases
) -> None:
    """Threads hammer bundles and release files while activations flip the release."""
    stop = threading.Event()
    seen: Counter[str] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    old_file = next(
        f.path
        for f in private.app.state.holder.snapshot.manifest.regions["emea"].locales["de"].files
        if f.format == "i18next"
    )

    def hammer() -> None:
        with private.client() as client:
            while not stop.is_set():
                bundle = client.get("/v1/bundles/emea/de")
                immutable = client.get(f"/v1/releases/{releases.first}/{old_file}")
                for answer in (bundle, immutable):
                    if answer.status_code != 200:
                        with lock:
                            failures.append(f"{answer.url} {answer.status_code} {answer.text[:80]}")
                with lock:
                    seen[bundle.json()["Save"]] += 1

    workers = [threading.Thread(target=hammer) for _ in range(4)]
    for worker in workers:
        worker.start()
    with private.client() as admin:
        for release in [releases.second, releases.first] * 3:
            time.sleep(0.15)
            answer = admin.post(
                f"/v1/releases/{release}/activate", headers={"authorization": f"Bearer {SECRET}"}
            )
            assert answer.status_code == 200, answer.text
    time.sleep(0.15)
    stop.set()
    for worker in workers:
        worker.join(timeout=30)

    assert failures == []
    assert seen["Speichern"] > 0 and seen["Sichern"] > 0


def test_a_pointer_moved_by_the_cli_is_picked_up_by_polling(
    private: Live, releases: Releases
) -> None:
    activate_release(private.settings, open_store(private.settings), releases.second, actor="cli")
    deadline = time.monotonic() + 10
    with private.client() as client:
        while client.get("/healthz").json()["release_id"] != releases.second:
            assert time.monotonic() < deadline, "the new release was not picked up"
            time.sleep(0.05)


def test_a_release_with_an_altered_file_is_not_served(private: Live, releases: Releases) -> None:
    store = open_store(private.settings)
    entry = store.read_manifest(releases.second).regions["emea"].locales["de"].files[0]
    target = private.settings.release_path / "releases" / releases.second / entry.path
    target.unlink()  # the file is a read-only hardlink shared with the first release
    target.write_bytes(b"tampered")
    # Forced: activation refuses a damaged release; this pins what the poller does anyway.
    activate_release(private.settings, store, releases.second, actor="test", force=True)

    deadline = time.monotonic() + 15  # the poller picks the pointer up within an interval
    with private.client() as client:
        health = client.get("/healthz").json()
        while not health.get("last_error") and time.monotonic() < deadline:
            time.sleep(0.1)
            health = client.get("/healthz").json()

    assert health["release_id"] == releases.first
    assert "sha256" in health["last_error"] and entry.path in health["last_error"]


def test_activating_a_damaged_release_is_refused_with_409(
    private: Live, releases: Releases
) -> None:
    store = open_store(private.settings)
    entry = store.read_manifest(releases.second).regions["emea"].locales["de"].files[0]
    (private.settings.release_path / "releases" / releases.second / entry.path).unlink()

    with private.client() as client:
        answer = client.post(
            f"/v1/releases/{releases.second}/activate",
            headers={"authorization": f"Bearer {SECRET}"},
        )
        served = client.get("/healthz").json()["release_id"]

    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "release_not_intact"
    assert entry.path in answer.json()["error"]["message"]
    assert served == releases.first
    assert store.current().release_id == releases.first
