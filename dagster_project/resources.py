"""Resources: where the project lives, the release store and the database.

Each resource wraps fields of :class:`i18n_pipeline.config.Settings`, the same
object the CLI builds from ``I18N_*`` variables, so Dagster and ``i18n`` read
and write the same files. Assets combine them with :func:`settings_from`.
"""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from i18n_pipeline.config import Settings


class ProjectPaths(ConfigurableResource):
    """The checkout the pipeline works on: catalogs, rules, sources, var/."""

    root: str
    locales_dir: str = "locales"
    rules_dir: str = "compliance_rules"
    source_dir: str = "examples/recruitment_app"
    var_dir: str = "var"
    source_commit: str | None = None


class ReleaseStoreResource(ConfigurableResource):
    """Where releases are published: a directory (default) or ``s3://bucket/prefix``."""

    release_dir: str = "var/releases"
    store_url: str | None = None
    s3_endpoint_url: str | None = None


class ReleaseDatabase(ConfigurableResource):
    """The release history database; None means SQLite at ``<var>/i18n.db``."""

    database_url: str | None = None


def settings_from(
    paths: ProjectPaths, store: ReleaseStoreResource, database: ReleaseDatabase
) -> Settings:
    """The library's :class:`Settings` for these resources (environment ignored)."""
    return Settings(
        root=Path(paths.root),
        locales_dir=Path(paths.locales_dir),
        rules_dir=Path(paths.rules_dir),
        source_dir=Path(paths.source_dir),
        var_dir=Path(paths.var_dir),
        release_dir=Path(store.release_dir),
        store_url=store.store_url,
        s3_endpoint_url=store.s3_endpoint_url,
        database_url=database.database_url,
        source_commit=paths.source_commit,
    )


def resources_for(settings: Settings) -> dict[str, ConfigurableResource]:
    """Resource instances carrying ``settings``' values (what the CLI would use)."""
    return {
        "paths": ProjectPaths(
            root=str(settings.root.resolve()),
            locales_dir=str(settings.locales_dir),
            rules_dir=str(settings.rules_dir),
            source_dir=str(settings.source_dir),
            var_dir=str(settings.var_dir),
            source_commit=settings.source_commit,
        ),
        "release_store": ReleaseStoreResource(
            release_dir=str(settings.release_dir),
            store_url=settings.store_url,
            s3_endpoint_url=settings.s3_endpoint_url,
        ),
        "database": ReleaseDatabase(database_url=settings.database_url),
    }
