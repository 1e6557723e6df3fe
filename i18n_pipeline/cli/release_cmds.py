"""``i18n release ...``: build, list, show, diff, verify, activate and prune releases.

Exit codes: 0 success; 1 the work found a problem (check errors, a blocking
gate, a store failure, a file that fails verification); 2 bad usage (unknown
release id, bad option) or configuration.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from i18n_pipeline.cli.common import (
    RootOption,
    console,
    err_console,
    run_reported,
    settings_for,
    setup_logging,
)
from i18n_pipeline.manifest import Manifest
from i18n_pipeline.release import (
    activate_release,
    build,
    diff_releases,
    prune_releases,
    resolve_release,
    verify_release,
)
from i18n_pipeline.store import ReleaseStore, open_store

release_app = typer.Typer(
    name="release",
    help="Build and manage releases: content-hashed bundles, manifest, atomic 'current' pointer.",
    no_args_is_help=True,
)

VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging on stderr.")]
_GATE_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "excluded": "dim"}
_STAGES = {"catalogs": "reading catalogs", "bundles": "rendering bundles", "files": "writing files"}


def _require(store: ReleaseStore, release: str) -> str:
    """Exit 2 (usage) for an id the store does not hold."""
    if not store.has_release(release):
        err_console.print(f"[bold red]error:[/] no release {release!r} in {store.location}")
        raise typer.Exit(2)
    return release


@release_app.command("build")
def build_command(
    root: RootOption = None,
    no_activate: Annotated[
        bool, typer.Option("--no-activate", help="Publish without moving 'current'.")
    ] = False,
    verbose: VerboseOption = False,
) -> None:
    """Check catalogs, apply the matrix gates, render every bundle, publish and activate.

    Check errors or a P0 language below target stop the build (exit 1) before
    anything is written; 'current' moves only after every file and the manifest
    are stored.
    """
    setup_logging(verbose)
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err_console, transient=True) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=total)
                bar.update(tasks[stage], completed=done, total=total)

            result = build(settings, store, progress=progress, activate=not no_activate)
        manifest = result.manifest
        state = "activated" if result.activated else "published (not activated)"
        console.print(f"release [bold]{manifest.release_id}[/] {state} in {store.location}")
        console.print(
            f"{result.files} files: {result.written} written, {result.reused} reused; "
            f"renders: {result.rendered} done, {result.cached} from cache"
        )
        for warning in manifest.warnings:
            console.print(f"[yellow]warning:[/] {warning}", highlight=False)
        return 0

    run_reported(run)


@release_app.command("list")
def list_command(root: RootOption = None) -> None:
    """List published releases, oldest first; the current one is marked."""
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        pointer = store.current()
        table = Table("", box=box.SIMPLE)
        table.add_column("release", no_wrap=True)
        table.add_column("created (UTC)", no_wrap=True)
        for name in ("commit", "files", "warnings"):
            table.add_column(name)
        for release in store.list_releases():
            manifest = store.read_manifest(release)
            mark = "*" if pointer and pointer.release_id == release else ""
            commit = (manifest.source_commit or "")[:12]
            table.add_row(
                mark,
                release,
                f"{manifest.created_at:%Y-%m-%d %H:%M}",
                commit,
                str(len(manifest.files())),
                str(len(manifest.warnings)),
            )
        console.print(table)
        if pointer is None:
            console.print("no release is current yet")
        return 0

    run_reported(run)


def _locales_table(manifest: Manifest) -> Table:
    table = Table(
        "region",
        "locale",
        "priority",
        "messages",
        "target",
        "gate",
        "fallback",
        "from fallback",
        "files",
        box=box.SIMPLE,
        title=f"release {manifest.release_id}",
    )
    for key, region in manifest.regions.items():
        for tag, entry in region.locales.items():
            done = entry.completion.get("messages")
            style = _GATE_STYLE.get(entry.gate.status, "")
            exposure = entry.fallback_exposure
            by = ", ".join(f"{t} {n}" for t, n in exposure.by_locale.items())
            table.add_row(
                key,
                tag,
                entry.priority,
                f"{done.messages:.1%}" if done else "-",
                f"{entry.target:.0%}",
                f"[{style}]{entry.gate.status}[/]",
                " > ".join(entry.fallback) or "-",
                f"{exposure.messages} ({by})" if exposure.messages else "0",
                str(len(entry.files)),
            )
    return table


@release_app.command("show")
def show_command(
    release: Annotated[str | None, typer.Argument(help="Release id (default: current).")] = None,
    root: RootOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the manifest JSON.")] = False,
) -> None:
    """Show a release: every region's locales, gates with reasons, fallback and exposure."""
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        release_id = _require(store, resolve_release(store, release))
        manifest = store.read_manifest(release_id)
        if json_output:
            console.print_json(manifest.model_dump_json())
            return 0
        console.print(_locales_table(manifest))
        for key, region in manifest.regions.items():
            for tag, entry in region.locales.items():
                if entry.gate.status != "pass":
                    console.print(f"{key}/{tag}: {entry.gate.reason}", highlight=False)
                if entry.fallback_exposure.p0_msgids:
                    keys = ", ".join(repr(k) for k in entry.fallback_exposure.p0_msgids)
                    console.print(f"[yellow]{key}/{tag} P0 messages falling back:[/] {keys}")
        return 0

    run_reported(run)


@release_app.command("diff")
def diff_command(
    old: Annotated[str, typer.Argument(help="The earlier release id.")],
    new: Annotated[str, typer.Argument(help="The later release id.")],
    root: RootOption = None,
    keys: Annotated[bool, typer.Option("--keys", help="List every changed message key.")] = False,
) -> None:
    """Messages added, removed and changed per region, locale and domain between two releases."""
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        diffs = diff_releases(store, _require(store, old), _require(store, new))
        if not diffs:
            console.print(f"no message differs between {old} and {new}")
            return 0
        table = Table("region", "locale", "domain", "added", "removed", "changed", box=box.SIMPLE)
        for d in diffs:
            table.add_row(
                d.region,
                d.locale,
                d.domain,
                *map(str, (len(d.added), len(d.removed), len(d.changed))),
            )
        console.print(table)
        if keys:
            for d in diffs:
                for label, items in (("+", d.added), ("-", d.removed), ("~", d.changed)):
                    for item in items:
                        console.print(
                            f"{d.region}/{d.locale} {d.domain} {label} {item!r}", highlight=False
                        )
        return 0

    run_reported(run)


@release_app.command("verify")
def verify_command(
    release: Annotated[str | None, typer.Argument(help="Release id (default: current).")] = None,
    root: RootOption = None,
) -> None:
    """Re-hash every file of a release against its manifest; exit 1 naming any bad file."""
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        release_id = _require(store, resolve_release(store, release))
        report = verify_release(store, release_id)
        for path in report.missing:
            err_console.print(f"[bold red]missing:[/] {path}", highlight=False)
        for path in report.tampered:
            err_console.print(
                f"[bold red]altered:[/] {path} (SHA-256 or size differs)", highlight=False
            )
        if not report.ok:
            err_console.print(
                f"release {release_id}: {len(report.missing)} missing, "
                f"{len(report.tampered)} altered of {report.checked} files"
            )
            return 1
        console.print(f"release {release_id}: all {report.checked} files match the manifest")
        return 0

    run_reported(run)


@release_app.command("activate")
def activate_command(
    release: Annotated[str, typer.Argument(help="Release id to serve (rollback or forward).")],
    root: RootOption = None,
    reason: Annotated[str, typer.Option("--reason", help="Why, for the history.")] = "",
    actor: Annotated[
        str | None, typer.Option("--actor", help="Who (default: the OS user).")
    ] = None,
) -> None:
    """Move 'current' to a published release atomically and record it in the database."""
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        activation = activate_release(
            settings, store, _require(store, release), actor=actor, reason=reason
        )
        previous = activation.previous_release_id or "none"
        console.print(f"current release is now {release} (was {previous})")
        return 0

    run_reported(run)


@release_app.command("prune")
def prune_command(
    keep: Annotated[int, typer.Option("--keep", min=1, help="How many newest releases to keep.")],
    root: RootOption = None,
) -> None:
    """Delete old releases, keeping the N newest and the current one."""
    settings = settings_for(root)

    def run() -> int:
        store = open_store(settings)
        deleted = prune_releases(settings, store, keep)
        for release in deleted:
            console.print(f"deleted {release}")
        console.print(f"{len(deleted)} release(s) deleted, {len(store.list_releases())} kept")
        return 0

    run_reported(run)


def register(app: typer.Typer) -> None:
    """Add the ``release`` command group to ``i18n``."""
    app.add_typer(release_app, name="release")
