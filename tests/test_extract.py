"""Extraction: the sample product's Python, JavaScript and Jinja2 sources into POT templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog, Message
from typer.testing import CliRunner

from i18n_pipeline.cli.main import app
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import ConfigError, ExtractionError
from i18n_pipeline.extract import (
    domain_template_path,
    extract_domain,
    extract_templates,
    load_extraction_config,
    write_template,
)
from i18n_pipeline.pofile import read_catalog
from tests.support import msgfmt_check

SAMPLE = "examples/recruitment_app"
KINDS = {
    "python": f"{SAMPLE}/app/",
    "javascript": f"{SAMPLE}/static/js/",
    "jinja2": f"{SAMPLE}/templates/",
}

runner = CliRunner()


@pytest.fixture
def messages(settings: Settings) -> Catalog:
    return extract_domain(settings, "messages")


def _entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _singular(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def _find(catalog: Catalog, msgid: str, context: str | None = None) -> Message:
    message = catalog.get(msgid, context=context)
    assert message is not None, f"{msgid!r} (context {context!r}) was not extracted"
    return message


def _line_of(path: Path, needle: str) -> int:
    """The 1-based line of ``path`` where ``needle`` first appears."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def _from_kind(message: Message, kind: str) -> bool:
    return any(path.startswith(KINDS[kind]) for path, _line in message.locations)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_source_kind_yields_plurals_contexts_comments_and_braces(
    messages: Catalog, kind: str
) -> None:
    mine = [message for message in _entries(messages) if _from_kind(message, kind)]

    assert len(mine) >= 30, f"only {len(mine)} messages from {kind} sources"
    assert any(message.pluralizable for message in mine), f"no plural from {kind}"
    assert any(message.context for message in mine), f"no msgctxt from {kind}"
    only_mine = [m for m in mine if all(path.startswith(KINDS[kind]) for path, _ in m.locations)]
    assert any(message.auto_comments for message in only_mine), f"no translator comment from {kind}"
    assert any("{" in _singular(message) for message in mine), f"no brace placeholder from {kind}"


def test_sample_product_has_several_hundred_messages(messages: Catalog) -> None:
    entries = _entries(messages)

    assert 280 <= len(entries) <= 400
    assert sum(message.pluralizable for message in entries) >= 25
    assert sum(bool(message.context) for message in entries) >= 15


def test_calls_keep_plural_context_and_comment_together(messages: Catalog, project: Path) -> None:
    line = _line_of(project / SAMPLE / "app" / "jobs.py", '"{count} job found"')
    python_plural = _find(messages, "{count} job found")
    js_context = _find(messages, "Open", context="action")
    template_verb = _find(messages, "Apply", context="verb")

    assert python_plural.id == ("{count} job found", "{count} jobs found")
    assert python_plural.locations == [(f"{SAMPLE}/app/jobs.py", line)]
    # The comment tag itself is stripped, the same way for every kind of source.
    assert js_context.auto_comments[0].startswith("verb; a button that opens")
    # The same call in Python and in a template merges into one entry with both places.
    paths = {path for path, _line in template_verb.locations}
    assert {f"{SAMPLE}/app/jobs.py", f"{SAMPLE}/templates/job.html"} <= paths
    assert _find(messages, "Open", context="job status") is not js_context


def test_template_text_is_extracted_as_written(messages: Catalog) -> None:
    # {% trans %} blocks are trimmed: the line breaks of the template disappear.
    _find(messages, "No results. Check the spelling, use fewer keywords, or widen the distance.")
    _find(messages, "Applications close on <strong>{date}</strong>.")
    _find(messages, 'Read the <a href="{url}">privacy notice</a> for this application.')
    # Trailing colons and newlines are part of the msgid.
    _find(messages, "Show candidates for:")
    _find(messages, "The Hiring Team\n")


def test_source_strings_use_brace_placeholders_only(messages: Catalog) -> None:
    for message in _entries(messages):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            assert "%(" not in text and "%s" not in text, f"printf placeholder in {text!r}"
        assert "python-format" not in message.flags, f"{message.id!r} looks like %-format"


def test_messages_and_locations_are_sorted_and_relative(messages: Catalog) -> None:
    entries = _entries(messages)
    keys = [(_singular(message), message.context or "") for message in entries]

    assert keys == sorted(keys)
    for message in entries:
        assert message.locations == sorted(message.locations)
        for path, line in message.locations:
            assert path.startswith(f"{SAMPLE}/") and "\\" not in path and line > 0


def test_template_passes_msgfmt_check(messages: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "messages.pot"

    assert write_template(messages, path) is True
    msgfmt_check(path)
    assert len(_entries(read_catalog(path))) == len(_entries(messages))


def test_template_reads_back_the_same_in_polib(messages: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "messages.pot"
    write_template(messages, path)

    entries = polib.pofile(str(path))
    seen = {(entry.msgid, entry.msgid_plural or None, entry.msgctxt) for entry in entries}
    expected = {
        (_singular(m), m.id[1] if isinstance(m.id, tuple) else None, m.context)
        for m in _entries(messages)
    }
    assert seen == expected
    by_key = {(entry.msgid, entry.msgctxt): entry for entry in entries}
    comment = by_key[("Open", "action")].comment
    assert comment.startswith("verb; a button that opens the job post")


def test_second_run_leaves_template_byte_identical(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "messages.pot"
    write_template(extract_domain(settings, "messages"), path)
    past = path.stat().st_mtime_ns - 10_000_000_000
    os.utime(path, ns=(past, past))
    before = path.read_bytes()

    later = extract_domain(settings, "messages")
    later.creation_date = datetime.now(UTC) + timedelta(days=400)

    assert write_template(later, path) is False
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == past


def test_changed_message_rewrites_template(settings: Settings, project: Path) -> None:
    path = domain_template_path(settings, "messages")
    write_template(extract_domain(settings, "messages"), path)
    source = project / SAMPLE / "app" / "jobs.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("'Remote jobs aren", "'Remote roles aren"), encoding="utf-8")

    assert write_template(extract_domain(settings, "messages"), path) is True
    ids = {_singular(message) for message in read_catalog(path)}
    assert any(msgid.startswith("Remote roles aren't tied") for msgid in ids)
    assert not any(msgid.startswith("Remote jobs aren't tied") for msgid in ids)


def test_moved_call_rewrites_template(settings: Settings, project: Path) -> None:
    path = domain_template_path(settings, "messages")
    write_template(extract_domain(settings, "messages"), path)
    source = project / SAMPLE / "app" / "emails.py"
    source.write_text("\n" + source.read_text(encoding="utf-8"), encoding="utf-8")

    assert write_template(extract_domain(settings, "messages"), path) is True
    assert _find(read_catalog(path), "Reset your password").locations[0][1] > 1


def test_extract_templates_reports_counts_and_check_writes_nothing(
    settings: Settings, project: Path
) -> None:
    pot = project / "locales" / "messages.pot"
    pot.unlink()

    checked = extract_templates(settings, check=True)
    assert [(r.domain, r.changed) for r in checked] == [("messages", True), ("notices", False)]
    assert not pot.exists()

    (written,) = extract_templates(settings, ["messages"])
    assert written.changed and pot.exists()
    assert written.messages == len(_entries(read_catalog(pot)))
    assert 0 < written.contexts < written.messages and 0 < written.plurals < written.messages


def test_percent_format_in_a_source_string_is_warned_about(
    settings: Settings, project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    extra = project / SAMPLE / "app" / "extra.py"
    extra.write_text('from app.i18n import _\n\nLABEL = _("Hello %(name)s")\n', "utf-8")

    with caplog.at_level("WARNING", logger="i18n_pipeline.extract"):
        extract_domain(settings, "messages")

    assert f"{SAMPLE}/app/extra.py:3: 'Hello %(name)s' looks like %-format" in caplog.text


def test_committed_templates_are_current(project: Path) -> None:
    result = runner.invoke(app, ["extract", "--check", "--root", str(project)])

    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    msgfmt_check(project / "locales" / "messages.pot")


def test_check_exits_1_and_writes_nothing_when_sources_changed(project: Path) -> None:
    pot = project / "locales" / "messages.pot"
    before = pot.read_bytes()
    source = project / SAMPLE / "static" / "js" / "search.js"
    source.write_text(
        source.read_text(encoding="utf-8") + '\nwindow.hint = gettext("Press / to search");\n',
        encoding="utf-8",
    )

    checked = runner.invoke(app, ["extract", "--check", "--root", str(project)])
    assert checked.exit_code == 1
    assert "out of date" in checked.output and "messages" in checked.output
    assert pot.read_bytes() == before

    written = runner.invoke(app, ["extract", "--domain", "messages", "--root", str(project)])
    assert written.exit_code == 0, written.output
    assert "written" in written.output
    assert _find(read_catalog(pot), "Press / to search")
    again = runner.invoke(app, ["extract", "--check", "--root", str(project)])
    assert again.exit_code == 0, again.output


def test_broken_python_source_is_reported_with_file_and_line(
    settings: Settings, project: Path
) -> None:
    broken = project / SAMPLE / "app" / "broken.py"
    broken.write_text('from app.i18n import _\n\nTITLE = _("Jobs"\nX = 1\n', encoding="utf-8")

    with pytest.raises(ExtractionError) as caught:
        extract_domain(settings, "messages")
    assert caught.value.path == broken
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{broken}:3: python syntax:")

    result = runner.invoke(app, ["extract", "--root", str(project)])
    assert result.exit_code == 1
    assert "broken.py:3" in result.output
    assert "Traceback" not in result.output
    assert (project / "locales" / "messages.pot").read_bytes() == (
        Path(__file__).resolve().parents[1] / "locales" / "messages.pot"
    ).read_bytes()


def test_broken_template_is_reported_with_file_and_line(settings: Settings, project: Path) -> None:
    broken = project / SAMPLE / "templates" / "broken.html"
    broken.write_text('<p>\n{% trans %}Hi{% endtrans %}\n{{ _("Hi", }}\n<p>\n', encoding="utf-8")

    with pytest.raises(ExtractionError) as caught:
        extract_domain(settings, "messages")
    assert caught.value.path == broken
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{broken}:3: template syntax:")


def test_broken_source_in_one_domain_writes_no_template(settings: Settings, project: Path) -> None:
    pot = project / "locales" / "messages.pot"
    before = pot.read_bytes()
    jobs = project / SAMPLE / "app" / "jobs.py"
    jobs.write_text(jobs.read_text(encoding="utf-8") + '\nEXTRA = _("Hiring now")\n', "utf-8")
    notices = settings.rules_path / "notices"
    notices.mkdir(parents=True, exist_ok=True)
    (notices / "zz_broken.j2").write_text('{{ _("Rights" }}\n', encoding="utf-8")

    with pytest.raises(ExtractionError, match="zz_broken.j2:1: template syntax"):
        extract_templates(settings)
    assert pot.read_bytes() == before


def test_same_msgid_with_and_without_plural_is_a_conflict(
    settings: Settings, project: Path
) -> None:
    extra = project / SAMPLE / "app" / "extra.py"
    extra.write_text('from app.i18n import _\n\nLABEL = _("{count} job found")\n', "utf-8")

    line = _line_of(project / SAMPLE / "app" / "jobs.py", '"{count} job found"')
    with pytest.raises(ExtractionError, match="with a different plural form") as caught:
        extract_domain(settings, "messages")
    assert f"jobs.py:{line}" in str(caught.value)
    assert "extra.py:3" in str(caught.value)


def test_notices_without_templates_give_an_empty_template(settings: Settings) -> None:
    notices = settings.rules_path / "notices"
    if notices.exists():
        shutil.rmtree(notices)

    catalog = extract_domain(settings, "notices")

    assert _entries(catalog) == []


def test_notice_templates_follow_the_product_convention(settings: Settings) -> None:
    notices = settings.rules_path / "notices"
    notices.mkdir(parents=True, exist_ok=True)
    (notices / "erasure.j2").write_text(
        "{# Translators: {days} is a number of calendar days. #}\n"
        '<p>{{ _("We erase your data within {days} days of your request.", days=days) }}</p>\n'
        '<p>{{ ngettext("{count} day", "{count} days", n, count=n) }}</p>\n'
        '<h2>{{ pgettext("legal", "Controller") }}</h2>\n',
        encoding="utf-8",
    )

    catalog = extract_domain(settings, "notices")

    erasure = _find(catalog, "We erase your data within {days} days of your request.")
    assert erasure.auto_comments == ["{days} is a number of calendar days."]
    assert erasure.locations[0][0].endswith("compliance_rules/notices/erasure.j2")
    assert _find(catalog, "{count} day").pluralizable
    _find(catalog, "Controller", context="legal")


def test_missing_source_directory_is_a_config_error(settings: Settings, project: Path) -> None:
    config = project / "locales" / "extraction.yaml"
    text = config.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "source: examples/" in row)
    config.write_text(text.replace("source: examples/recruitment_app", "source: examples/nope"))

    with pytest.raises(ConfigError) as caught:
        extract_domain(settings, "messages")
    assert "'examples/nope' of domain 'messages' does not exist" in str(caught.value)
    assert caught.value.line == line


def test_sources_without_messages_are_an_error_unless_allowed(
    settings: Settings, project: Path
) -> None:
    sample = project / SAMPLE
    for path in sample.rglob("*.*"):
        if path.suffix in {".py", ".js", ".html"}:
            path.write_text("\n", encoding="utf-8")

    with pytest.raises(ExtractionError, match="no messages found for domain 'messages'"):
        extract_domain(settings, "messages")


def test_invalid_config_names_the_line(settings: Settings, project: Path) -> None:
    config = project / "locales" / "extraction.yaml"
    text = config.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "method: javascript" in row)
    config.write_text(text.replace("method: javascript", "method: typescript"), "utf-8")

    with pytest.raises(ConfigError) as caught:
        load_extraction_config(settings)
    assert caught.value.line == line

    result = runner.invoke(app, ["extract", "--root", str(project)])
    assert result.exit_code == 2
    assert f"extraction.yaml:{line}" in result.output


def test_pattern_matching_no_file_is_a_config_error(settings: Settings, project: Path) -> None:
    config = project / "locales" / "extraction.yaml"
    text = config.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "static/js/**.js" in row)
    config.write_text(text.replace("static/js/**.js", "static/javascript/**.js"), "utf-8")

    with pytest.raises(ConfigError) as caught:
        extract_domain(settings, "messages")
    assert "pattern 'static/javascript/**.js' of domain 'messages' matches no file" in str(
        caught.value
    )
    assert caught.value.line == line


def test_unknown_domain_is_a_usage_error(project: Path) -> None:
    result = runner.invoke(app, ["extract", "--domain", "legal", "--root", str(project)])

    assert result.exit_code == 2
    assert "unknown domain 'legal'; configured: messages, notices" in result.output


def test_extract_help_explains_options() -> None:
    result = runner.invoke(app, ["extract", "--help"])

    assert result.exit_code == 0
    for option in ("--domain", "--check", "--root", "--verbose"):
        assert option in result.output


def test_sample_python_modules_import(project: Path) -> None:
    code = (
        "import importlib, pkgutil, app\n"
        "for module in pkgutil.iter_modules(app.__path__):\n"
        "    importlib.import_module('app.' + module.name)\n"
        "from app import jobs\n"
        "print(jobs.results_summary(2, 'nurse', 'Lyon'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project / SAMPLE, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 jobs near Lyon"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_sample_javascript_is_valid(project: Path) -> None:
    for script in sorted((project / SAMPLE / "static" / "js").glob("*.js")):
        result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.name}: {result.stderr}"
