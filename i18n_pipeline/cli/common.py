"""What every command shares: settings from options, error rendering, consoles."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape

from i18n_pipeline.errors import PipelineError

if TYPE_CHECKING:
    from i18n_pipeline.config import Settings

console = Console()
err_console = Console(stderr=True)
log = logging.getLogger("i18n")

RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Project root (default: current directory or $I18N_ROOT)."),
]


def settings_for(root: Path | None) -> Settings:
    """Settings from the environment, with ``--root`` taking precedence.

    pydantic-settings loads here, on first use, not when ``i18n --help`` starts.
    """
    from i18n_pipeline.config import Settings

    return Settings(root=root) if root is not None else Settings()


def setup_logging(verbose: bool) -> None:
    """Log to stderr through rich; ``-v`` shows the debug lines."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(message)s",
        handlers=[RichHandler(console=err_console, show_path=False, show_time=False)],
        force=True,
    )


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into one red line on stderr and their exit code."""
    try:
        yield
    except PipelineError as exc:
        # escape: an error quoting "[...]" (a YAML list, a msgid) must print as written.
        err_console.print(
            f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(exc.exit_code) from None


def run_reported(func: Callable[[], int | None]) -> None:
    """Run ``func`` under :func:`reported_errors`; a returned int is the exit code."""
    with reported_errors():
        code = func()
    if code:
        raise typer.Exit(code)
