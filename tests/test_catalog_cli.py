"""`i18n update`, `init`, `compile` and `rules check`: refusals, exit codes and line output."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18n_pipeline.cli.main import app
from tests.support import msgfmt_check

runner = CliRunner()


def invoke(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--root", str(root)], terminal_width=200)
    return result.exit_code, result.output


def fr_catalog(root: Path) -> Path:
    return root / "locales" / "fr" / "LC_MESSAGES" / "messages.po"


def checksums(root: Path) -> dict[Path, str]:
    files = sorted((root / "locales").rglob("*.[mp]o"))
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


@pytest.fixture
def mislabelled(project: Path) -> Path:
    """The project with fr messages.po (UTF-8 bytes) claiming ISO-8859-1 on line 14."""
    path = fr_catalog(project)
    path.write_bytes(path.read_bytes().replace(b"charset=utf-8", b"charset=ISO-8859-1"))
    return project


def test_check_reports_a_mislabelled_charset_at_the_content_type_line(mislabelled: Path) -> None:
    code, output = invoke(mislabelled, "check", "--locale", "fr", "--format", "json")

    assert code == 1, output
    [finding] = json.loads(output)["findings"]
    assert (finding["path"], finding["line"]) == (str(fr_catalog(mislabelled)), 14)
    assert "header declares ISO-8859-1 but the file is UTF-8" in finding["message"]


@pytest.mark.parametrize("command", [["compile", "--locale", "fr"], ["update"]])
def test_mislabelled_charset_is_refused_before_anything_is_written(
    mislabelled: Path, command: list[str]
) -> None:
    before = checksums(mislabelled)

    code, output = invoke(mislabelled, *command)

    assert code == 1, output
    assert f"{fr_catalog(mislabelled)}:14:" in output.replace("\n", "")
    assert "header declares ISO-8859-1 but the file is UTF-8" in output
    assert "first non-ASCII text at line 24" in output
    assert checksums(mislabelled) == before


def test_init_creates_a_valid_catalog_and_says_to_add_it_to_the_matrix(project: Path) -> None:
    code, output = invoke(project, "init", "ru", "--domain", "messages")

    assert code == 0, output
    created = project / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    assert f"created {created}" in output.replace("\n", "")
    assert "'ru' is not in" in output and "matrix.yaml" in output
    assert "nplurals=3" in created.read_text()
    msgfmt_check(created)


def test_init_of_a_matrix_locale_has_no_matrix_note(project: Path) -> None:
    fr_catalog(project).unlink()

    code, output = invoke(project, "init", "fr", "--domain", "messages")

    assert code == 0, output
    assert "matrix.yaml" not in output


def test_init_over_an_existing_catalog_is_a_usage_error(project: Path) -> None:
    before = checksums(project)

    code, output = invoke(project, "init", "fr")

    assert code == 2, output
    assert f"{fr_catalog(project)}: already exists" in output.replace("\n", "")
    assert checksums(project) == before


@pytest.mark.parametrize(
    ("locale", "hint"),
    [("pt-BR", "did you mean 'pt_BR'?"), ("zh-hant", "did you mean 'zh_Hant'?"), ("xx", "id")],
)
def test_init_of_an_unknown_locale_is_a_usage_error(project: Path, locale: str, hint: str) -> None:
    code, output = invoke(project, "init", locale)

    assert code == 2, output
    assert f"unknown locale {locale!r}" in output
    assert hint in output
    assert not (project / "locales" / locale).exists()


@pytest.mark.parametrize("command", ["update", "init", "compile", "rules check"])
def test_help_documents_exit_codes(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=200)

    assert result.exit_code == 0
    assert re.search(r"Exit codes: 0 .*; 1 .*; 2 ", " ".join(result.output.split()))


# ----------------------------------------------------------------------- rules check

LINE_RE = re.compile(r"^(\S+?):(\d+): (error|warning|info) ([a-z0-9-]+) (\S+): .+$")


def rules_lines(root: Path, *args: str) -> tuple[int, list[str]]:
    code, output = invoke(root, "rules", "check", "--format", "lines", *args)
    return code, [line for line in output.splitlines() if line.strip()]


def test_rules_check_lines_are_one_finding_each(project: Path) -> None:
    code, lines = rules_lines(project)

    findings, summary = lines[:-1], lines[-1]
    assert findings and all(LINE_RE.match(line) for line in findings), lines[:5]
    assert re.fullmatch(r"0 error\(s\), \d+ other finding\(s\)", summary)
    assert code == 0


def test_rules_check_severity_filter_keeps_that_level_and_worse(project: Path) -> None:
    rule = project / "compliance_rules" / "za-popia.yaml"
    rule.write_text(rule.read_text().replace("jurisdictions: [ZA]", "jurisdictions: [ZZ]"))

    code, lines = rules_lines(project, "--severity", "error")
    _, everything = rules_lines(project)

    assert code == 1
    findings = lines[:-1]
    assert findings and all(" error " in line for line in findings)
    assert any(
        line.startswith(f"{rule}:") and " unknown-jurisdiction jurisdictions.0: " in line
        for line in findings
    ), findings
    assert len(findings) < len(everything) - 1
    assert lines[-1].startswith(f"{len(findings)} error(s)")


def test_rules_check_on_a_narrow_terminal_prints_lines(project: Path) -> None:
    result = runner.invoke(app, ["rules", "check", "--root", str(project)], terminal_width=80)

    first = result.output.splitlines()[0]
    assert LINE_RE.match(first), first


def test_rules_check_table_format_can_be_forced(project: Path) -> None:
    code, output = invoke(project, "rules", "check", "--format", "table", "--severity", "warning")

    assert code == 0, output
    assert "Rule file findings" in output
    assert "below warning not shown" in output
