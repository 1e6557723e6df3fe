"""``i18n release ...``: build, list, show, diff, verify, activate and prune releases.

Exit codes: 0 success; 1 the work found a problem (check errors, a blocking
gate, a store failure, a file that fails verification); 2 bad usage (unknown
release id, bad option) or configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from i18n_pipeline.config import Settings
    from i18n_pipeline.manifest import LocaleEntry, Manifest
    from i18n_pipeline.store import ReleaseStore

# The release package (SQLModel, bundle renderers) and the stores (boto3) load
# inside the commands, so `i18n --help` and the catalog commands never pay for them.

release_app = typer.Typer(
    name="release",
    help="Build and manage releases: content-hashed bundles, manifest, atomic 'current' pointer.",
    no_args_is_help=True,
)

VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging on stderr.")]
_GATE_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "excluded": "dim"}
_STAGES = {"catalogs": "reading catalogs", "bundles": "rendering bundles", "files": "writing files"}


def _open_store(settings: Settings) -> ReleaseStore:
    from i18n_pipeline.store import open_store

    return open_store(settings)


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
        from i18n_pipeline.release import build

        store = _open_store(settings)
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
    """List published releases, oldest first; the current one is marked with '*'.

    The commit is the source commit's first 8 hex digits, '-dirty' when the
    release was built from uncommitted catalogs, rules or sources. A release
    whose manifest cannot be read is still listed, marked 'unreadable', with
    the reason below the table; the command then exits 1.
    """
    settings = settings_for(root)

    def run() -> int:
        from i18n_pipeline.release import list_published

        store = _open_store(settings)
        pointer = store.current()
        # Sized for 80 columns: the id is never cut; 1-space padding, no outer edge.
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
        table.add_column("", no_wrap=True, min_width=1)
        table.add_column("release", no_wrap=True, min_width=30)
        table.add_column("created (UTC)", no_wrap=True)
        table.add_column("commit", no_wrap=True)
        table.add_column("warnings", no_wrap=True, justify="right")
        listed = list_published(store)
        for item in listed:
            mark = "*" if pointer and pointer.release_id == item.release_id else ""
            manifest = item.manifest
            if manifest is None:
                table.add_row(mark, item.release_id, "[bold red]unreadable[/]", "-", "-")
                continue
            table.add_row(
                mark,
                item.release_id,
                f"{manifest.created_at:%Y-%m-%d %H:%M}",
                _short_commit(manifest.source_commit),
                str(len(manifest.warnings)),
            )
        console.print(table)
        for item in listed:
            if item.problem is not None:
                err_console.print(
                    f"[bold red]{item.release_id}:[/] manifest unreadable: {item.problem}",
                    highlight=False,
                )
        if pointer is None:
            console.print("no release is current yet")
        return 1 if any(item.problem for item in listed) else 0

    run_reported(run)


def _short_commit(commit: str | None) -> str:
    """``0123abcd`` or ``0123abcd-dirty``: short enough for an 80-column list."""
    if not commit:
        return "-"
    sha, dirty, _rest = commit.partition("-dirty")
    return sha[:8] + dirty


def _fallback_cell(entry: LocaleEntry) -> str:
    """The fallback chain, each language with the messages it serves: ``de 3 > en 1``."""
    by_locale = entry.fallback_exposure.by_locale
    chain = [*entry.fallback, *(t for t in by_locale if t not in entry.fallback)]
    return " > ".join(f"{tag} {by_locale.get(tag, 0)}" for tag in chain) or "-"


def _locales_table(manifest: Manifest) -> Table:
    # Sized for 80 columns: region shown once per group, ids never cut.
    table = Table(
        box=box.SIMPLE,
        title=f"release {manifest.release_id}",
        caption="fallback: the chain, each language with the messages it serves",
    )
    for name in ("region", "locale", "prio"):
        table.add_column(name, no_wrap=True)
    for name in ("messages", "target"):
        table.add_column(name, no_wrap=True, justify="right")
    table.add_column("gate", no_wrap=True)
    table.add_column("fallback", overflow="fold")
    table.add_column("files", no_wrap=True, justify="right")
    for key, region in manifest.regions.items():
        for index, (tag, entry) in enumerate(region.locales.items()):
            done = entry.completion.get("messages")
            style = _GATE_STYLE.get(entry.gate.status, "")
            table.add_row(
                key if index == 0 else "",
                tag,
                entry.priority,
                f"{done.messages:.1%}" if done else "-",
                f"{entry.target:.0%}",
                f"[{style}]{entry.gate.status}[/]",
                _fallback_cell(entry),
                str(len(entry.files)),
                end_section=index == len(region.locales) - 1,
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
        from i18n_pipeline.release import resolve_release

        store = _open_store(settings)
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
        from i18n_pipeline.release import diff_releases

        store = _open_store(settings)
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
        from i18n_pipeline.release import resolve_release, verify_release

        store = _open_store(settings)
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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Activate even if files are missing or altered (logged, noted in the history).",
        ),
    ] = False,
) -> None:
    """Move 'current' to a published release atomically and record it in the database.

    Every file is re-hashed against the manifest first; a missing or altered
    file refuses the move (exit 1) and names the files, unless --force.
    """
    settings = settings_for(root)

    def run() -> int:
        from i18n_pipeline.release import activate_release

        store = _open_store(settings)
        activation = activate_release(
            settings, store, _require(store, release), actor=actor, reason=reason, force=force
        )
        previous = activation.previous_release_id or "none"
        console.print(f"current release is now {release} (was {previous})")
        if force:
            console.print(f"[yellow]--force:[/] recorded as {activation.reason!r}", highlight=False)
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
        from i18n_pipeline.release import prune_releases

        store = _open_store(settings)
        deleted = prune_releases(settings, store, keep)
        for release in deleted:
            console.print(f"deleted {release}")
        console.print(f"{len(deleted)} release(s) deleted, {len(store.list_releases())} kept")
        return 0

    run_reported(run)


def register(app: typer.Typer) -> None:
    """Add the ``release`` command group to ``i18n``."""
    app.add_typer(release_app, name="release")
