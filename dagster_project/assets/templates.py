"""Templates: one POT per extraction domain, extracted from the sample product."""

from collections.abc import Iterator

from dagster import (
    AssetExecutionContext,
    AssetKey,
    AssetsDefinition,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
)

from dagster_project.errors import failure_on_pipeline_error
from dagster_project.resources import (
    ProjectPaths,
    ReleaseDatabase,
    ReleaseStoreResource,
    settings_from,
)
from i18n_pipeline.extract import (
    domain_template_path,
    extract_domain,
    load_extraction_config,
    write_template,
)

GROUP = "catalogs"


def template_key(domain: str) -> AssetKey:
    """The asset key of ``domain``'s template: ``templates/<domain>``."""
    return AssetKey(["templates", domain])


def templates_asset(domains: list[str]) -> AssetsDefinition:
    """A multi-asset with one POT per domain; each can be extracted alone."""
    specs = [
        AssetSpec(
            template_key(domain),
            group_name=GROUP,
            description=f"locales/{domain}.pot: every message of the {domain!r} domain.",
            kinds={"gettext"},
            skippable=True,
        )
        for domain in domains
    ]

    @multi_asset(specs=specs, can_subset=True, name="templates")
    def templates(
        context: AssetExecutionContext,
        paths: ProjectPaths,
        release_store: ReleaseStoreResource,
        database: ReleaseDatabase,
    ) -> Iterator[MaterializeResult]:
        """Extract each selected domain and rewrite its POT only when a message changed."""
        settings = settings_from(paths, release_store, database)
        with failure_on_pipeline_error("extraction"):
            config = load_extraction_config(settings)
            for key in sorted(context.selected_asset_keys):
                domain = key.path[-1]
                catalog = extract_domain(settings, domain, config)
                path = domain_template_path(settings, domain)
                changed = write_template(catalog, path)
                entries = [m for m in catalog if m.id]
                context.log.info(
                    "%s: %d messages, %s",
                    domain,
                    len(entries),
                    "written" if changed else "unchanged",
                )
                yield MaterializeResult(
                    asset_key=key,
                    metadata={
                        "messages": len(entries),
                        "plurals": sum(1 for m in entries if m.pluralizable),
                        "with context": sum(1 for m in entries if m.context),
                        "changed": changed,
                        "path": MetadataValue.path(str(path)),
                    },
                )

    return templates
