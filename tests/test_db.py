"""The release database records releases, activations and completion history,
on SQLite by default and on a real Postgres server (marker ``postgres``)."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from i18n_pipeline import db
from i18n_pipeline.config import Settings
from tests.store.conftest import small_manifest

A = "20261203T201800Z-aaaaaaaaaa"
B = "20261203T211800Z-bbbbbbbbbb"
FILES = {"emea/de/messages.gettext.0123456789ab.json": b"{}"}


@pytest.fixture
def sqlite_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    return Settings(root=tmp_path)


@pytest.fixture
def postgres_settings(tmp_path: Path) -> Settings:
    """Settings on the server scripts/with-postgres.sh starts; required under CI."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("TEST_DATABASE_URL is not set under CI: run via scripts/with-postgres.sh")
        pytest.skip("TEST_DATABASE_URL not set (run via scripts/with-postgres.sh)")
    settings = Settings(root=tmp_path, database_url=url)
    engine = db.engine_for(settings)
    with engine.begin() as connection:
        for table in ("completionrecord", "activation", "release"):
            connection.execute(text(f'DELETE FROM "{table}"'))
    return settings


def exercise_history(settings: Settings) -> None:
    first = small_manifest(A, FILES)
    second = small_manifest(B, FILES).model_copy(
        update={"created_at": first.created_at + timedelta(hours=1)}
    )
    db.record_release(settings, first)
    db.record_release(settings, second)
    db.record_release(settings, second)  # recording twice changes nothing

    db.record_activation(settings, A, actor="ci", previous_release_id=None, reason="first")
    db.record_activation(settings, B, actor="ci", previous_release_id=A, reason="rollout")
    db.record_activation(settings, A, actor="alice", previous_release_id=B, reason="p95 > 500 ms")

    history = db.completion_history(settings, locale="de")
    assert [(r.release_id, r.domain, r.total, r.translated) for r in history] == [
        (A, "messages", 2, 2),
        (B, "messages", 2, 2),
    ]
    assert db.completion_history(settings, locale="fr") == []
    moves = db.activations(settings)
    assert [(m.release_id, m.previous_release_id, m.actor) for m in moves] == [
        (A, None, "ci"),
        (B, A, "ci"),
        (A, B, "alice"),
    ]
    with db.session_for(settings) as session:
        assert session.get(db.Release, A).status == "current"  # type: ignore[union-attr]
        assert session.get(db.Release, B).status == "superseded"  # type: ignore[union-attr]


def test_sqlite_default_records_history(sqlite_settings: Settings) -> None:
    assert db.database_url(sqlite_settings).startswith("sqlite:///")
    exercise_history(sqlite_settings)
    assert (sqlite_settings.var_path / "i18n.db").is_file()


def test_activation_of_unrecorded_release_is_refused(sqlite_settings: Settings) -> None:
    with pytest.raises(db.DatabaseError, match="not recorded"):
        db.record_activation(sqlite_settings, A, actor="ci", previous_release_id=None)


def test_pruned_releases_keep_their_history(sqlite_settings: Settings) -> None:
    db.record_release(sqlite_settings, small_manifest(A, FILES))
    db.record_pruned(sqlite_settings, [A])
    with db.session_for(sqlite_settings) as session:
        assert session.get(db.Release, A).status == "pruned"  # type: ignore[union-attr]
    assert len(db.completion_history(sqlite_settings)) == 1


def test_database_url_env_selects_postgres_driver(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1:1/x")
    assert db.database_url(Settings(root=tmp_path)) == "postgresql+psycopg://u@127.0.0.1:1/x"
    monkeypatch.setenv("I18N_DATABASE_URL", "sqlite:///" + str(tmp_path / "a.db"))
    assert db.database_url(Settings(root=tmp_path)).startswith("sqlite:///")


@pytest.mark.postgres
def test_postgres_records_history(postgres_settings: Settings) -> None:
    assert db.database_url(postgres_settings).startswith("postgresql+psycopg://")
    exercise_history(postgres_settings)
    with db.engine_for(postgres_settings).connect() as connection:
        assert connection.execute(text("SELECT version()")).scalar_one().startswith("PostgreSQL")


def test_timestamps_are_timezone_aware_on_write(sqlite_settings: Settings) -> None:
    when = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)
    db.record_release(sqlite_settings, small_manifest(A, FILES))
    activation = db.record_activation(
        sqlite_settings, A, actor="ci", previous_release_id=None, activated_at=when
    )
    assert activation.activated_at == when
