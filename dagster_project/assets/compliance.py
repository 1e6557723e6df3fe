"""Compliance: the validated rule dataset and the privacy notices of every region.

Both go through the library's release producers and their artifact cache, so
the release step finds them rendered and does not render them again.
"""

from collections.abc import Iterator
from typing import Any

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetKey,
    Failure,
    MaterializeResult,
    MetadataValue,
    TableColumn,
    TableRecord,
    TableSchema,
    asset,
)

from dagster_project.assets.catalogs import CATALOGS
from dagster_project.errors import failure_on_pipeline_error
from dagster_project.resources import (
    ProjectPaths,
    ReleaseDatabase,
    ReleaseStoreResource,
    settings_from,
)
from i18n_pipeline.compliance.checks import Severity, check_rules, load_rules_checked
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import GateError, PipelineError
from i18n_pipeline.manifest import NoticeEntry
from i18n_pipeline.release.build import collect_digests
from i18n_pipeline.release.cache import ArtifactCache
from i18n_pipeline.release.plan import plan_release
from i18n_pipeline.release.producers import Compliance

RULES = AssetKey("compliance_rules")
NOTICES = AssetKey("privacy_notices")
RULE_CHECK = "rule_file_checks"
LEGAL_GATE = "legal_gate"

_RULES_SCHEMA = TableSchema(
    columns=[
        TableColumn("id", "string"),
        TableColumn("law", "string"),
        TableColumn("file", "string"),
    ]
)
_NOTICE_SCHEMA = TableSchema(
    columns=[
        TableColumn("region", "string"),
        TableColumn("rule", "string"),
        TableColumn("locale", "string"),
        TableColumn("status", "string"),
        TableColumn("required", "bool"),
        TableColumn("reason", "string"),
    ]
)


def bundle_cache(settings: Settings) -> ArtifactCache:
    """The artifact cache the release build reads (``<var>/cache/bundles``)."""
    return ArtifactCache(settings.var_path / "cache" / "bundles")


def _rule_check(settings: Settings) -> AssetCheckResult:
    findings = check_rules(settings.rules_path)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    warnings = [f for f in findings if f.severity == Severity.WARNING]
    shown = "; ".join(f"{f.where}: {f.message}" for f in errors[:3])
    return AssetCheckResult(
        check_name=RULE_CHECK,
        passed=not errors,
        severity=AssetCheckSeverity.ERROR,
        description=f"{len(errors)} error(s): {shown}" if errors else "no errors in the rule files",
        metadata={
            "errors": len(errors),
            "warnings": len(warnings),
            "findings": MetadataValue.md(
                "\n".join(f"- `{f.where}` {f.severity.value}: {f.message}" for f in findings[:100])
                or "none"
            ),
        },
    )


@asset(
    key=RULES,
    group_name="compliance",
    check_specs=[
        AssetCheckSpec(
            RULE_CHECK,
            asset=RULES,
            blocking=True,
            description="Rule files: schema, jurisdiction codes, duplicate ids, sources, dates.",
        )
    ],
    kinds={"yaml"},
)
def compliance_rules(
    context: AssetExecutionContext,
    paths: ProjectPaths,
    release_store: ReleaseStoreResource,
    database: ReleaseDatabase,
) -> Iterator[Any]:
    """compliance_rules/*.yaml validated into the release's rule dataset (rules/rules.json)."""
    settings = settings_from(paths, release_store, database)
    check = _rule_check(settings)
    try:
        ruleset = load_rules_checked(settings.rules_path)
        dataset = Compliance(settings, bundle_cache(settings)).rules_file()
    except PipelineError as exc:
        yield check
        raise Failure(description=f"rule files rejected: {exc}") from exc
    rows = [
        TableRecord({"id": r.id, "law": r.name.short, "file": ruleset.files.get(r.id, "")})
        for r in ruleset
    ]
    context.log.info("%d rules valid", len(ruleset))
    yield MaterializeResult(
        asset_key=RULES,
        metadata={
            "rules": len(ruleset),
            "jurisdiction groups": ", ".join(sorted(ruleset.groups())) or "none",
            "dataset": dataset.path if dataset else "none",
            "dataset sha256": dataset.sha256 if dataset else "",
            "laws": MetadataValue.table(rows, schema=_RULES_SCHEMA),
        },
    )
    yield check


def _notice_rows(found: list[tuple[str, NoticeEntry]]) -> list[TableRecord]:
    return [
        TableRecord(
            {
                "region": region,
                "rule": entry.rule_id,
                "locale": entry.locale,
                "status": entry.status,
                "required": entry.required,
                "reason": entry.reason,
            }
        )
        for region, entry in found
    ]


def _legal_result(
    passed: bool, description: str, found: list[tuple[str, NoticeEntry]]
) -> AssetCheckResult:
    withheld = [e for _, e in found if e.status == "withheld"]
    return AssetCheckResult(
        check_name=LEGAL_GATE,
        passed=passed,
        severity=AssetCheckSeverity.ERROR,
        description=description,
        metadata={
            "shipped": sum(1 for _, e in found if e.status == "shipped"),
            "withheld": len(withheld),
            "required withheld": sum(1 for e in withheld if e.required),
        },
    )


@asset(
    key=NOTICES,
    group_name="compliance",
    deps=[RULES, CATALOGS],
    check_specs=[
        AssetCheckSpec(
            LEGAL_GATE,
            asset=NOTICES,
            blocking=True,
            description="A notice the law requires in a language must be complete in it.",
        )
    ],
    kinds={"markdown", "html"},
)
def privacy_notices(
    context: AssetExecutionContext,
    paths: ProjectPaths,
    release_store: ReleaseStoreResource,
    database: ReleaseDatabase,
) -> Iterator[Any]:
    """Every region's privacy notices in every shipped language, or withheld with the reason."""
    settings = settings_from(paths, release_store, database)
    with failure_on_pipeline_error("notices"):
        plan = plan_release(settings, collect_digests(settings))
        producer = Compliance(settings, bundle_cache(settings))
    found: list[tuple[str, NoticeEntry]] = []
    try:
        for region in plan.regions:
            found += [(region.key, entry) for entry, _files in producer.notices(region)]
    except GateError as exc:
        yield _legal_result(False, str(exc), found)
        raise Failure(description=f"legal gate: {exc}") from exc
    except PipelineError as exc:
        raise Failure(description=f"notices failed: {exc}") from exc
    shipped = sum(1 for _, e in found if e.status == "shipped")
    context.log.info("%d notices shipped, %d withheld", shipped, len(found) - shipped)
    yield MaterializeResult(
        asset_key=NOTICES,
        metadata={
            "shipped": shipped,
            "withheld": len(found) - shipped,
            "notices": MetadataValue.table(_notice_rows(found), schema=_NOTICE_SCHEMA),
        },
    )
    yield _legal_result(True, "every required notice is complete", found)
