"""The release database: which releases exist, which was active when, and how
complete every locale was in each release (SQLModel over SQLite or Postgres).

The URL comes from ``Settings.db_url`` (``I18N_DATABASE_URL``), else from
``DATABASE_URL``, else SQLite at ``<var>/i18n.db``. ``postgres://`` and
``postgresql://`` URLs are driven by psycopg 3. The store stays the source of
truth for what a release holds; the database keeps the history that the store
does not (activations, who made them and why, completion over time).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Field, Session, SQLModel, col, create_engine, select

from i18n_pipeline.config import Settings
from i18n_pipeline.errors import ConfigError, PipelineError
from i18n_pipeline.manifest import Manifest

_ENGINES: dict[str, Engine] = {}


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Release(SQLModel, table=True):
    """A published release; ``status`` is published, current, superseded or pruned."""

    id: str = Field(primary_key=True, max_length=40)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    source_commit: str | None = Field(default=None, max_length=64)
    inputs_sha256: str = Field(max_length=64)
    status: str = Field(default="published", max_length=16, index=True)
    activated_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class Activation(SQLModel, table=True):
    """One move of the ``current`` pointer: rollout, rollback or roll forward."""

    id: int | None = Field(default=None, primary_key=True)
    release_id: str = Field(foreign_key="release.id", index=True, max_length=40)
    activated_at: datetime = Field(default_factory=_utcnow, sa_type=DateTime(timezone=True))
    actor: str = Field(max_length=200)
    previous_release_id: str | None = Field(default=None, max_length=40)
    reason: str = Field(default="", max_length=2000)


class CompletionRecord(SQLModel, table=True):
    """Completion of one locale and domain in one release."""

    id: int | None = Field(default=None, primary_key=True)
    release_id: str = Field(foreign_key="release.id", index=True, max_length=40)
    locale: str = Field(index=True, max_length=35, description="BCP 47 tag")
    domain: str = Field(max_length=64)
    total: int
    translated: int
    fuzzy: int
    words: int = Field(description="Words in the source strings.")
    translated_words: int
    completion: float = Field(description="translated / total")
    recorded_at: datetime = Field(default_factory=_utcnow, sa_type=DateTime(timezone=True))


class DatabaseError(PipelineError):
    """The release database cannot be reached or written."""


def normalize_url(url: str) -> str:
    """``url`` with Postgres URLs driven by psycopg 3.

    >>> normalize_url("postgres://u@127.0.0.1:5432/db")
    'postgresql+psycopg://u@127.0.0.1:5432/db'
    >>> normalize_url("sqlite:///var/i18n.db")
    'sqlite:///var/i18n.db'
    """
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def database_url(settings: Settings) -> str:
    """The SQLAlchemy URL to use: ``I18N_DATABASE_URL``, ``DATABASE_URL``, else SQLite."""
    return normalize_url(settings.database_url or os.environ.get("DATABASE_URL") or settings.db_url)


def engine_for(settings: Settings) -> Engine:
    """An engine for the settings' database, tables created on first use (cached per URL)."""
    url = database_url(settings)
    if url in _ENGINES:
        return _ENGINES[url]
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigError("database_url", f"invalid database url: {exc}") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    try:
        SQLModel.metadata.create_all(engine)
    except Exception as exc:
        raise DatabaseError(f"cannot open database {parsed!r}: {exc}") from exc
    _ENGINES[url] = engine
    return engine


@contextmanager
def session_for(settings: Settings) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine_for(settings), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


def _completion_rows(manifest: Manifest, recorded_at: datetime) -> list[CompletionRecord]:
    """One row per (locale, domain); a locale shipped in several regions counts once."""
    rows: dict[tuple[str, str], CompletionRecord] = {}
    for region in manifest.regions.values():
        for tag, entry in region.locales.items():
            for domain, c in entry.completion.items():
                rows[(tag, domain)] = CompletionRecord(
                    release_id=manifest.release_id,
                    locale=tag,
                    domain=domain,
                    total=c.total,
                    translated=c.translated,
                    fuzzy=c.fuzzy,
                    words=c.total_words,
                    translated_words=c.translated_words,
                    completion=c.messages,
                    recorded_at=recorded_at,
                )
    return [rows[key] for key in sorted(rows)]


def record_release(settings: Settings, manifest: Manifest) -> Release:
    """Record a published release and its completion figures (idempotent per release)."""
    with session_for(settings) as session:
        existing = session.get(Release, manifest.release_id)
        if existing is not None:
            return existing
        release = Release(
            id=manifest.release_id,
            created_at=manifest.created_at,
            source_commit=manifest.source_commit,
            inputs_sha256=manifest.inputs_sha256,
        )
        session.add(release)
        session.flush()
        session.add_all(_completion_rows(manifest, manifest.created_at))
    return release


def record_activation(
    settings: Settings,
    release_id: str,
    *,
    actor: str,
    previous_release_id: str | None,
    reason: str = "",
    activated_at: datetime | None = None,
) -> Activation:
    """Record that ``current`` moved to ``release_id``; statuses follow the move."""
    when = activated_at or _utcnow()
    with session_for(settings) as session:
        release = session.get(Release, release_id)
        if release is None:
            raise DatabaseError(f"release {release_id!r} is not recorded; record_release first")
        release.status = "current"
        release.activated_at = when
        if previous_release_id and previous_release_id != release_id:
            previous = session.get(Release, previous_release_id)
            if previous is not None:
                previous.status = "superseded"
        activation = Activation(
            release_id=release_id,
            activated_at=when,
            actor=actor,
            previous_release_id=previous_release_id,
            reason=reason,
        )
        session.add(activation)
    return activation


def record_pruned(settings: Settings, release_ids: list[str]) -> None:
    """Mark releases removed from the store; their history stays."""
    with session_for(settings) as session:
        for release_id in release_ids:
            release = session.get(Release, release_id)
            if release is not None:
                release.status = "pruned"


def activations(settings: Settings, release_id: str | None = None) -> list[Activation]:
    """Activations, oldest first, optionally of one release."""
    with session_for(settings) as session:
        query = select(Activation).order_by(col(Activation.activated_at), col(Activation.id))
        if release_id is not None:
            query = query.where(Activation.release_id == release_id)
        return list(session.exec(query))


def completion_history(
    settings: Settings, locale: str | None = None, domain: str | None = None
) -> list[CompletionRecord]:
    """Completion records, oldest release first, optionally of one locale and domain."""
    with session_for(settings) as session:
        query = select(CompletionRecord).order_by(
            col(CompletionRecord.recorded_at),
            col(CompletionRecord.release_id),
            col(CompletionRecord.locale),
            col(CompletionRecord.domain),
        )
        if locale is not None:
            query = query.where(CompletionRecord.locale == locale)
        if domain is not None:
            query = query.where(CompletionRecord.domain == domain)
        return list(session.exec(query))
