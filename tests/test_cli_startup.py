"""`i18n` starts without loading the heavy libraries only some commands need.

Importing the command tree is what every `i18n ...` invocation pays before it
does any work, `--help` included; matplotlib, SQLAlchemy, boto3, the web stack
and Dagster cost seconds and must load inside the commands that use them.
"""

from __future__ import annotations

import json
import subprocess
import sys

from i18n_pipeline.cli.serve_cmds import TierChoice
from i18n_pipeline.config import Tier

HEAVY = ("matplotlib", "sqlalchemy", "sqlmodel", "boto3", "fastapi", "uvicorn", "dagster")


def loaded_after(code: str) -> set[str]:
    """Top-level packages in sys.modules after running ``code`` in a fresh interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}


def test_importing_the_cli_loads_no_heavy_library() -> None:
    loaded = loaded_after("import i18n_pipeline.cli.main")
    assert "typer" in loaded  # the probe sees real imports
    assert sorted(loaded.intersection(HEAVY)) == []


def test_help_lists_every_command_without_loading_them() -> None:
    code = (
        "from typer.testing import CliRunner\n"
        "from i18n_pipeline.cli.main import app\n"
        "out = CliRunner().invoke(app, ['--help']).output\n"
        "assert all(c in out for c in ('check', 'update', 'release', 'serve', 'rules')), out\n"
        "out = CliRunner().invoke(app, ['check', '--help']).output\n"
        "assert 'placeholders' in out, out"
    )
    assert sorted(loaded_after(code).intersection(HEAVY)) == []


def test_serve_tier_choices_match_the_config_tiers() -> None:
    assert [choice.value for choice in TierChoice] == [tier.value for tier in Tier]
