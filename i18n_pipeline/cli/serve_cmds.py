"""``i18n serve`` (the HTTP API under uvicorn) and ``i18n edge sync`` (mirror a release).

Exit codes: 0 success; 1 the sync failed (source unreachable, a file that
does not match its manifest: nothing was switched); 2 bad usage.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from i18n_pipeline.cli.common import RootOption, console, run_reported, setup_logging

#: The API is named by import string so the library never imports ``api``.
APP_FACTORY = "api.server:served_app"


class TierChoice(StrEnum):
    """The values of :class:`i18n_pipeline.config.Tier`, spelled out so that the
    option parser does not load pydantic-settings at start-up (a test keeps them equal)."""

    edge = "edge"
    regional = "regional"
    glob = "global"


edge_app = typer.Typer(
    name="edge", help="Edge mirrors of the release served by a regional node.", no_args_is_help=True
)


def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind; keep 127.0.0.1 unless a proxy fronts it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    tier: Annotated[
        TierChoice | None,
        typer.Option(help="Deployment tier choosing Cache-Control (default $I18N_TIER)."),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(help="Release store or edge mirror directory, or s3://bucket/prefix."),
    ] = None,
    root: RootOption = None,
    workers: Annotated[int, typer.Option(min=1, help="uvicorn worker processes.")] = 1,
) -> None:
    """Serve the HTTP API (bundles, notices, rules, completion) with uvicorn."""
    import uvicorn

    for name, value in (("I18N_ROOT", root), ("I18N_TIER", tier), ("I18N_STORE_URL", store)):
        if value is not None:
            os.environ[name] = value.value if isinstance(value, TierChoice) else str(value)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=None,
        server_header=False,
    )


@edge_app.command("sync")
def sync(
    source: Annotated[
        str, typer.Option("--source", help="Base URL of the regional API node to mirror.")
    ],
    dest: Annotated[Path, typer.Option("--dest", help="Mirror directory (LocalStore layout).")],
    keep: Annotated[
        int, typer.Option(min=1, help="Mirrored releases to keep (the current one always).")
    ] = 3,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    """Pull the source's current release, verify every file, then switch atomically."""
    from i18n_pipeline.edge import sync_edge

    setup_logging(verbose)

    def run() -> int:
        result = sync_edge(source, dest, keep=keep)
        state = "now current" if result.switched else "already current"
        console.print(
            f"release [bold]{result.release_id}[/] {state} in {dest}: "
            f"{len(result.downloaded)} file(s) downloaded ({result.bytes_downloaded} bytes), "
            f"{result.linked} linked from earlier releases"
            + (f"; pruned {', '.join(result.pruned)}" if result.pruned else "")
        )
        return 0

    run_reported(run)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``edge`` group to the ``i18n`` command."""
    app.command("serve")(serve)
    app.add_typer(edge_app)
