"""The factory ``i18n serve`` hands to uvicorn: JSON logs, then :func:`create_app`."""

from __future__ import annotations

from fastapi import FastAPI

from api.access_log import configure
from api.app import create_app


def served_app() -> FastAPI:
    """The app as a server runs it: settings from the environment, logs as JSON lines."""
    configure()
    return create_app()
