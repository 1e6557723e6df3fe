"""Region bundles and the published release."""

from collections.abc import Iterator
from typing import Any

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableRecord,
    TableSchema,
    asset,
)

from dagster_project.assets.catalogs import CATALOGS
from dagster_project.assets.completion import COMPLETION
from dagster_project.assets.compliance import NOTICES, RULES, bundle_cache
from dagster_project.errors import failure_on_pipeline_error
from dagster_project.resources import (
    ProjectPaths,
    ReleaseDatabase,
    ReleaseStoreResource,
    settings_from,
)
from i18n_pipeline.release import build, verify_release
from i18n_pipeline.release.build import collect_digests, raise_for_check_errors
from i18n_pipeline.release.digest import Parsed
from i18n_pipeline.release.plan import ReleasePlan, plan_release
from i18n_pipeline.release.producers import bundle_files
from i18n_pipeline.store import open_store

BUNDLES = AssetKey("region_bundles")
RELEASE = AssetKey("release")
VERIFY = "release_verification"

_GATE_SCHEMA = TableSchema(
    columns=[
        TableColumn("region", "string"),
        TableColumn("locale", "string"),
        TableColumn("priority", "string"),
        TableColumn("gate", "string"),
        TableColumn("reason", "string"),
        TableColumn("fallback", "string"),
        TableColumn("files", "int"),
    ]
)


def _gate_rows(plan: ReleasePlan, files: dict[tuple[str, str], int]) -> list[TableRecord]:
    return [
        TableRecord(
            {
                "region": region.key,
                "locale": p.tag,
                "priority": p.language.priority.value,
                "gate": p.gate.status,
                "reason": p.gate.reason,
                "fallback": " → ".join(p.fallback) or "—",
                "files": files.get((region.key, p.tag), 0),
            }
        )
        for region in plan.regions
        for p in region.locales
    ]


@asset(key=BUNDLES, group_name="release", deps=[CATALOGS, COMPLETION], kinds={"json"})
def region_bundles(
    context: AssetExecutionContext,
    paths: ProjectPaths,
    release_store: ReleaseStoreResource,
    database: ReleaseDatabase,
) -> MaterializeResult:
    """i18next, gettext JSON and MO bundles of every shipped language in every region."""
    settings = settings_from(paths, release_store, database)
    cache = bundle_cache(settings)
    parsed: Parsed = {}
    files: dict[tuple[str, str], int] = {}
    size = 0
    with failure_on_pipeline_error("region bundles"):
        digests = collect_digests(settings, parsed=parsed)
        raise_for_check_errors(digests)
        plan = plan_release(settings, digests)
        plan.raise_for_failures()
        source_locale = settings.matrix.source_locale
        for region in plan.regions:
            for locale in region.shipped:
                source = locale.language.locale == source_locale
                for domain in settings.matrix.domains:
                    digest = digests.get((locale.language.locale, domain))
                    if digest is None or not (source or not digest.from_template):
                        continue
                    made = bundle_files(
                        cache, digest, region.key, locale.tag, source=source, parsed=parsed
                    )
                    files[(region.key, locale.tag)] = files.get((region.key, locale.tag), 0) + len(
                        made
                    )
                    size += sum(item.size for item in made)
    context.log.info(
        "%d bundle files: %d rendered, %d from cache", sum(files.values()), cache.misses, cache.hits
    )
    return MaterializeResult(
        metadata={
            "files": sum(files.values()),
            "bytes": size,
            "catalogs rendered": cache.misses,
            "catalogs from cache": cache.hits,
            "warnings": MetadataValue.md("\n".join(f"- {w}" for w in plan.warnings) or "none"),
            "gate decisions": MetadataValue.table(_gate_rows(plan, files), schema=_GATE_SCHEMA),
        }
    )


def _verify(store: Any, release_id: str) -> AssetCheckResult:
    report = verify_release(store, release_id)
    problems = [f"missing {p}" for p in report.missing] + [f"altered {p}" for p in report.tampered]
    return AssetCheckResult(
        check_name=VERIFY,
        passed=report.ok,
        severity=AssetCheckSeverity.ERROR,
        description=(
            f"{report.checked} files re-hashed, all match the manifest"
            if report.ok
            else f"{len(problems)} of {report.checked} files differ: " + "; ".join(problems[:20])
        ),
        metadata={
            "release id": release_id,
            "checked": report.checked,
            "missing": len(report.missing),
            "altered": len(report.tampered),
        },
    )


@asset(
    key=RELEASE,
    group_name="release",
    deps=[BUNDLES, NOTICES, RULES],
    check_specs=[
        AssetCheckSpec(
            VERIFY,
            asset=RELEASE,
            description="Every file of the published release re-hashed against its manifest.",
        )
    ],
    kinds={"json"},
)
def release(
    context: AssetExecutionContext,
    paths: ProjectPaths,
    release_store: ReleaseStoreResource,
    database: ReleaseDatabase,
) -> Iterator[Any]:
    """The published release: content-hashed files, manifest.json, and ``current`` moved to it."""
    settings = settings_from(paths, release_store, database)
    with failure_on_pipeline_error("release"):
        store = open_store(settings)
        pointer = store.current()
        result = build(settings, store, actor=f"dagster run {context.run_id}")
        manifest = result.manifest
    release_id = manifest.release_id
    manifest_at = f"{store.location}/releases/{release_id}/manifest.json"
    context.log.info(
        "release %s: %d files (%d written, %d reused)",
        release_id,
        result.files,
        result.written,
        result.reused,
    )
    yield MaterializeResult(
        asset_key=RELEASE,
        metadata={
            "release id": release_id,
            "manifest": MetadataValue.path(manifest_at),
            "store": store.location,
            "previous current": pointer.release_id if pointer else "none",
            "activated": result.activated,
            "files": result.files,
            "written": result.written,
            "reused": result.reused,
            "rendered": result.rendered,
            "from cache": result.cached,
            "inputs sha256": manifest.inputs_sha256,
            "source commit": manifest.source_commit or "unknown",
            "warnings": MetadataValue.md("\n".join(f"- {w}" for w in manifest.warnings) or "none"),
        },
    )
    with failure_on_pipeline_error("release verification"):
        yield _verify(store, release_id)
