"""Helpers for tests: external tools used as referees."""

from __future__ import annotations

import subprocess
from pathlib import Path


def msgfmt_check(path: Path) -> None:
    """Fail the test unless GNU ``msgfmt --check`` accepts ``path``."""
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, f"msgfmt --check rejected {path}:\n{result.stderr}"
