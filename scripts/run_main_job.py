"""The main job: the full Dagster release job, in process, on embedded defaults.

``make run`` runs ``python -m scripts.run_main_job``. It materializes every
asset of ``dagster_project`` (templates, catalogs, checks, completion,
compliance rules, notices, bundles, release) for every locale in one run, with
the Dagster instance under ``var/dagster`` (SQLite), the release database at
``var/i18n.db`` and releases in ``var/releases`` unless ``I18N_*`` variables
say otherwise; then prints what happened and where the release is. Exit code
0 when the run succeeded, 1 when a step or blocking check failed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _prepare_home(root: Path) -> Path:
    """``DAGSTER_HOME`` (default ``<root>/var/dagster``), created; ``make ui`` reads it too."""
    home = Path(os.environ.get("DAGSTER_HOME") or root / "var" / "dagster")
    home.mkdir(parents=True, exist_ok=True)
    # SQLite storage under the home (Dagster's default); telemetry off, since
    # the embedded run is local and its banner buried the job's own output.
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _report(result: object) -> list[str]:
    """Lines describing the run: failed steps, check outcomes, the release."""
    from dagster import DagsterEventType

    lines: list[str] = []
    partitions: list[str] = []
    for event in result.all_events:  # type: ignore[attr-defined]
        data = event.event_specific_data
        if event.event_type == DagsterEventType.STEP_FAILURE:
            message = data.error.message.strip() if data.error else "failed"
            lines.append(f"FAILED  {event.step_key}: {message.splitlines()[-1]}")
        elif event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            outcome = "passed" if data.passed else f"FAILED ({data.severity.value})"
            name = f"{data.asset_key.to_user_string()}:{data.check_name}"
            lines.append(f"check   {name} {outcome}: {data.description or ''}")
        elif event.event_type == DagsterEventType.ASSET_MATERIALIZATION:
            materialization = data.materialization
            name = materialization.asset_key.to_user_string()
            if materialization.partition is None:
                lines.append(f"asset   {name}")
            else:
                partitions.append(materialization.partition)
    if partitions:
        lines.insert(
            0, f"asset   catalogs, {len(partitions)} locales: {', '.join(sorted(partitions))}"
        )
    return lines


def main() -> int:
    """Run the release job once; print a summary; 0 on success."""
    from dagster import DagsterInstance

    from dagster_project.definitions import build_definitions
    from dagster_project.partitions import full_range_tags, locale_partitions
    from i18n_pipeline.config import Settings
    from i18n_pipeline.errors import PipelineError
    from i18n_pipeline.store import open_store

    settings = Settings() if os.environ.get("I18N_ROOT") else Settings(root=ROOT)
    home = _prepare_home(settings.root)
    try:
        definitions = build_definitions(settings)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    job = definitions.resolve_job_def("release_job")
    tags = {**full_range_tags(locale_partitions(settings.matrix)), "trigger": "make run"}
    with DagsterInstance.get() as instance:
        result = job.execute_in_process(
            instance=instance,
            tags=tags,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
        )
    print("\n".join(_report(result)))
    store = open_store(settings)
    pointer = store.current()
    print(f"\nDagster run {result.run_id}: {'succeeded' if result.success else 'FAILED'}")
    print(f"Dagster home: {home} (see it with `make ui`)")
    if pointer is None:
        print(f"No current release in {store.location}.")
    else:
        print(f"Current release: {pointer.release_id}")
        print(f"Manifest: {store.location}/releases/{pointer.release_id}/manifest.json")
    print(f"Completion chart: {settings.var_path / 'reports' / 'completion.svg'}")
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
