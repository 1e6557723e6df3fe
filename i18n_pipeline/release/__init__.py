"""Releases: build, hash, publish atomically, verify, diff, activate, prune.

A release is every file clients need (region bundles in each format, privacy
notices, the compiled rule dataset), each named by its content hash, plus a
``manifest.json`` that lists them with their SHA-256 and size and records,
for every region, each locale's completion, gate decision and reason,
fallback chain and fallback exposure.

Store layout (the same for the local directory and S3; see
:mod:`i18n_pipeline.store`)::

    current                                   {"release_id", "activated_at"}
    releases/<id>/manifest.json               written after every file
    releases/<id>/<region>/<tag>/<domain>.<format>.<sha12>.<ext>
    releases/<id>/<rules file>

``<id>`` is ``<UTC time>Z-<first 10 hex of the inputs hash>``. A release
directory is never changed once its manifest exists; files that did not
change since the previous release are hardlinked (local) or copied
server-side (S3) rather than written again, and rendered files are cached
under ``<var>/cache`` by the hash of their inputs, so a rebuild after one
catalog changed renders and writes only that locale's files.
"""

from __future__ import annotations

from i18n_pipeline.release.build import (
    BuildResult,
    Progress,
    activate_release,
    build,
    build_release,
    release_id,
)
from i18n_pipeline.release.diff import LocaleDiff, diff_releases
from i18n_pipeline.release.ops import (
    ListedRelease,
    VerifyReport,
    list_published,
    prune_releases,
    resolve_release,
    verify_release,
)
from i18n_pipeline.release.plan import LocalePlan, RegionPlan, ReleasePlan, plan_release

__all__ = [
    "BuildResult",
    "ListedRelease",
    "LocaleDiff",
    "LocalePlan",
    "Progress",
    "RegionPlan",
    "ReleasePlan",
    "VerifyReport",
    "activate_release",
    "build",
    "build_release",
    "diff_releases",
    "list_published",
    "plan_release",
    "prune_releases",
    "release_id",
    "resolve_release",
    "verify_release",
]
