"""Catalog workflow: msgmerge-style update, init with CLDR plurals, compile; the CLI."""

from __future__ import annotations

import gettext
import io
import shutil
import tempfile
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from i18n_pipeline.catalogs import (
    compile_catalogs,
    init_catalog,
    merge_catalog,
    parse_kept_form,
    update_catalog,
    update_locales,
)
from i18n_pipeline.cli.main import app
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CatalogError
from i18n_pipeline.layout import catalog_path
from i18n_pipeline.pofile import parse_catalog, read_catalog, render_catalog
from tests.conftest import DATA, REPO
from tests.support import msgfmt_check

PO = DATA / "po"
runner = CliRunner()


@pytest.fixture
def tree(tmp_path: Path) -> Settings:
    """A project with the messages template and a French catalog written for an older one.

    The project's locale matrix comes along: the CLI reads it (``init`` notes
    locales missing from it).
    """
    locales = tmp_path / "locales"
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(REPO / "locales" / "matrix.yaml", locales / "matrix.yaml")
    shutil.copy(PO / "messages.pot", locales / "messages.pot")
    shutil.copy(PO / "fr.po", locales / "fr" / "LC_MESSAGES" / "messages.po")
    return Settings(root=tmp_path)


def _fr(settings: Settings) -> Path:
    return catalog_path(settings.locales_path, "fr", "messages")


def _snapshot(root: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*.po")}


# --------------------------------------------------------------------------- update_catalog


def test_update_keeps_translations_and_takes_locations_from_template() -> None:
    merged = update_catalog(read_catalog(PO / "messages.pot"), read_catalog(PO / "fr.po"))
    welcome = merged.get("Welcome, {name}!")
    assert welcome.string == "Bienvenue, {name} !"
    assert not welcome.fuzzy
    assert welcome.locations == [("app/views/dashboard.py", 12)]
    assert welcome.user_comments == ["Keep the narrow space before the exclamation mark."]
    assert merged.get("Save changes").locations == [
        ("app/views/profile.py", 40),
        ("app/views/settings.py", 88),
    ]
    assert merged.get("Open", context="button").string == "Ouvrir"
    assert [_id(m) for m in merged._messages.values()] == [
        _id(m) for m in read_catalog(PO / "messages.pot")._messages.values()
    ]


def _id(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_changed_msgid_becomes_fuzzy_with_previous_msgid() -> None:
    merged = update_catalog(read_catalog(PO / "messages.pot"), read_catalog(PO / "fr.po"))
    changed = merged.get("Delete your account permanently")
    assert changed.fuzzy
    assert changed.string == "Supprimer votre compte"
    assert changed.previous_id == ["Delete your account"]
    assert changed.user_comments == ["Validated by legal."]
    assert '#| msgid "Delete your account"' in render_catalog(merged).decode()


def test_removed_translated_messages_stay_obsolete_untranslated_ones_go() -> None:
    merged, counts = merge_catalog(read_catalog(PO / "messages.pot"), read_catalog(PO / "fr.po"))
    assert merged.obsolete["Try our new mobile app"].string == (
        "Essayez notre nouvelle application mobile"
    )
    assert merged.obsolete["Upload your résumé"].string == "Téléversez votre CV"
    assert "Never translated" not in merged.obsolete
    assert counts.added == 1 and counts.fuzzy == 1 and counts.obsolete == 1


def test_new_msgid_is_untranslated_and_header_takes_pot_creation_date() -> None:
    merged = update_catalog(read_catalog(PO / "messages.pot"), read_catalog(PO / "fr.po"))
    assert merged.get("Export all candidate data").string == ""
    headers = dict(merged.mime_headers)
    assert headers["POT-Creation-Date"] == "2026-11-20 10:00+0000"
    assert headers["PO-Revision-Date"] == "2026-10-05 14:12+0200"
    assert headers["Project-Id-Version"] == "recruitment 1.9"


def test_no_fuzzy_leaves_changed_messages_untranslated() -> None:
    template, po = read_catalog(PO / "messages.pot"), read_catalog(PO / "fr.po")
    merged = update_catalog(template, po, no_fuzzy=True)
    assert merged.get("Delete your account permanently").string == ""
    assert merged.obsolete["Delete your account"].string == "Supprimer votre compte"


def test_obsolete_message_back_in_template_is_revived_as_fuzzy() -> None:
    template = read_catalog(PO / "messages.pot")
    template._messages["Upload your résumé"] = Message("Upload your résumé")
    merged = update_catalog(template, read_catalog(PO / "fr.po"))
    revived = merged.get("Upload your résumé")
    assert revived.string == "Téléversez votre CV" and revived.fuzzy
    assert "Upload your résumé" not in merged.obsolete


def test_plural_forms_are_padded_to_the_catalog_nplurals(tmp_path: Path) -> None:
    template = read_catalog(PO / "messages.pot")
    settings = Settings(root=tmp_path)
    shutil.copy(PO / "messages.pot", tmp_path / "messages.pot")
    (tmp_path / "locales").mkdir()
    shutil.copy(PO / "messages.pot", settings.locales_path / "messages.pot")
    path = init_catalog(settings, "ar", "messages")
    arabic = read_catalog(path)
    message = arabic.get("You have {count} new message")
    message.string = ("a", "b", "c")  # a half-translated entry with too few forms
    message.flags.add("fuzzy")
    merged = update_catalog(template, arabic)
    assert merged.get("You have {count} new message").string == ("a", "b", "c", "", "", "")


PLURAL = ("You have {count} new message", "You have {count} new messages")


def _message(catalog: Catalog, msgid: str) -> Message:
    message = catalog.get(msgid)
    assert message is not None, f"{msgid!r} missing"
    return message


def _singular_template(msgid: str = PLURAL[0]) -> Catalog:
    """The messages template, but the plural message is singular now (named ``msgid``)."""
    template = read_catalog(PO / "messages.pot")
    del template._messages[PLURAL[0]]
    template._messages[msgid] = Message(msgid)
    return template


def test_message_that_loses_its_plural_keeps_other_forms_in_a_labelled_comment(
    tmp_path: Path,
) -> None:
    merged = update_catalog(_singular_template(), read_catalog(PO / "fr.po"))
    message = _message(merged, PLURAL[0])
    assert message.fuzzy and message.string == "Vous avez {count} nouveau message"
    assert message.previous_id == list(PLURAL)
    assert message.user_comments == ['previous msgstr[1]: "Vous avez {count} nouveaux messages"']
    written = render_catalog(merged)
    assert '# previous msgstr[1]: "Vous avez {count} nouveaux messages"\n#, fuzzy' in (
        written.decode()
    )
    (tmp_path / "fr.po").write_bytes(written)
    msgfmt_check(tmp_path / "fr.po")
    again = update_catalog(_singular_template(), parse_catalog(tmp_path / "fr.po", written))
    assert render_catalog(again) == written  # the comment is not added twice


def test_message_that_regains_its_plural_takes_its_forms_back_from_the_comment() -> None:
    singular = update_catalog(_singular_template(), read_catalog(PO / "fr.po"))
    back = update_catalog(read_catalog(PO / "messages.pot"), singular)
    message = _message(back, PLURAL[0])
    assert message.string == (
        "Vous avez {count} nouveau message",
        "Vous avez {count} nouveaux messages",
    )
    assert message.fuzzy and message.user_comments == []


def test_renamed_singular_message_keeps_old_plural_forms_through_later_updates() -> None:
    renamed = _singular_template("You have {count} unread message")
    merged = update_catalog(renamed, read_catalog(PO / "fr.po"))
    message = _message(merged, "You have {count} unread message")
    assert message.fuzzy and message.previous_id == list(PLURAL)
    assert [parse_kept_form(c) for c in message.user_comments] == [
        (1, "Vous avez {count} nouveaux messages")
    ]
    removed = read_catalog(PO / "messages.pot")
    del removed._messages[PLURAL[0]]
    gone = update_catalog(removed, merged, no_fuzzy=True)  # the message left the template
    assert gone.obsolete["You have {count} unread message"].user_comments == message.user_comments


def test_plural_forms_only_in_a_comment_are_not_dropped_as_untranslated() -> None:
    po = read_catalog(PO / "fr.po")
    _message(po, PLURAL[0]).string = ("", "Vous avez {count} nouveaux messages")
    merged = update_catalog(_singular_template(), po)
    assert _message(merged, PLURAL[0]).string == ""
    removed = read_catalog(PO / "messages.pot")
    del removed._messages[PLURAL[0]]
    obsolete = update_catalog(removed, merged, no_fuzzy=True).obsolete[PLURAL[0]]
    assert parse_kept_form(obsolete.user_comments[0]) == (1, "Vous avez {count} nouveaux messages")


def test_written_catalog_passes_msgfmt_and_reads_back_in_babel_and_polib(tree: Settings) -> None:
    update_locales(tree)
    path = _fr(tree)
    msgfmt_check(path)
    ours = read_catalog(path)
    babel = read_po(io.BytesIO(path.read_bytes()))
    assert [(m.id, m.context, m.string) for m in babel._messages.values()] == [
        (m.id, m.context, m.string) for m in ours._messages.values()
    ]
    assert {k: m.string for k, m in babel.obsolete.items()} == {
        k: m.string for k, m in ours.obsolete.items()
    }
    po = polib.pofile(str(path))
    assert {e.msgid for e in po.fuzzy_entries()} == {"Delete your account permanently"}
    assert po.find("Delete your account permanently").previous_msgid == "Delete your account"
    assert {e.msgid for e in po.obsolete_entries()} == {m.id for m in ours.obsolete.values()}
    assert len([e for e in po if not e.obsolete]) == len(ours)


# --------------------------------------------------------------------------- property


msgid_st = st.text(alphabet="abcdefgh {}!", min_size=1, max_size=30).filter(str.strip)
context_st = st.sampled_from([None, "menu", "button"])
#: Translations with the characters a kept-form comment must quote.
text_st = st.sampled_from(["", "tr", 'dit "oui"', "a\\b", "tab\tulé"])


def _draw_string(draw: st.DrawFn, plural: bool, tag: str) -> str | tuple[str, ...]:
    """A translation; every non-empty form is unique (``tag``), so finding it means keeping it."""
    if not plural:
        text = draw(text_st)
        return f"{text} {tag}" if text else ""
    forms = draw(st.lists(text_st, min_size=2, max_size=3))  # 3: more forms than fr's nplurals
    return tuple(f"{text} {tag}.{n}" if text else "" for n, text in enumerate(forms))


def _entry(msgid: str, plural: bool, context: str | None) -> Message:
    """A message without the format flag babel guesses from ``{`` (msgfmt would check it)."""
    message = Message((msgid, msgid + " many") if plural else msgid, context=context)
    message.flags = set()
    return message


@st.composite
def catalogs_and_template(draw: st.DrawFn) -> tuple[Catalog, Catalog]:
    """An old French catalog and a template that keeps, edits, reshapes and adds messages.

    Kept and edited messages (active or obsolete ones) may gain or lose their
    plural and change msgctxt.
    """
    ids = draw(st.lists(msgid_st, min_size=1, max_size=15, unique=True))
    po = parse_catalog(Path("old.po"), (PO / "fr.po").read_bytes())
    po._messages = {}
    po.obsolete = {}
    old: list[tuple[str, bool, str | None]] = []
    for index, msgid in enumerate(ids):
        plural, context = draw(st.booleans()), draw(context_st)
        message = _entry(msgid, plural, context)
        message.string = _draw_string(draw, plural, f"t{index}")
        if draw(st.booleans()):
            message.flags.add("fuzzy")
        retired = draw(st.integers(0, 3)) == 0  # some old entries are already obsolete
        (po.obsolete if retired else po._messages)[_key(message)] = message
        old.append((msgid, plural, context))
    template = Catalog()
    changes = st.tuples(st.sampled_from(old), st.sampled_from(["", " x", "!", "s"]),
                        st.booleans(), st.booleans())  # fmt: skip
    for (msgid, plural, context), suffix, reshape, recontext in draw(st.lists(changes)):
        new_context = draw(context_st) if recontext else context
        new = _entry(msgid + suffix, plural != reshape, new_context)
        template._messages.setdefault(_key(new), new)
    for msgid in draw(st.lists(msgid_st, max_size=5)):
        new = _entry(msgid, draw(st.booleans()), draw(context_st))
        template._messages.setdefault(_key(new), new)
    return template, po


def _key(message: Message) -> str | tuple[str, str]:
    msgid = _id(message)
    return msgid if message.context is None else (msgid, message.context)


def _kept_texts(catalog: Catalog) -> set[str]:
    """Every msgstr form of every entry, active or obsolete, and every kept-form comment."""
    texts: set[str] = set()
    for message in [*catalog._messages.values(), *catalog.obsolete.values()]:
        texts.update(_forms(message))
        texts.update(kept[1] for c in message.user_comments if (kept := parse_kept_form(c)))
    return texts


def _forms(message: Message) -> list[str]:
    string = message.string
    return list(string) if isinstance(string, (list, tuple)) else [string] if string else []


def _old_forms(catalog: Catalog) -> list[str]:
    messages = [*catalog._messages.values(), *catalog.obsolete.values()]
    return [form for m in messages for form in _forms(m) if form]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs_and_template(), st.booleans())
def test_no_template_change_ever_drops_a_translation(
    pair: tuple[Catalog, Catalog], no_fuzzy: bool
) -> None:
    template, po = pair
    merged = update_catalog(template, po, no_fuzzy=no_fuzzy)
    kept = _kept_texts(merged)
    assert [form for form in _old_forms(po) if form not in kept] == []
    written = render_catalog(merged)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fr.po"
        path.write_bytes(written)
        msgfmt_check(path)
    again = parse_catalog(Path("new.po"), written)
    assert render_catalog(update_catalog(template, again, no_fuzzy=no_fuzzy)) == written


# --------------------------------------------------------------------------- update_locales


def test_update_is_idempotent_and_second_run_writes_nothing(tree: Settings) -> None:
    first = update_locales(tree)
    assert [r.changed for r in first] == [True]
    written = _snapshot(tree.locales_path)
    second = update_locales(tree)
    assert [r.changed for r in second] == [False]
    assert second[0].cached
    assert _snapshot(tree.locales_path) == written
    shutil.rmtree(tree.var_path / "cache")
    third = update_locales(tree)  # without the cache: merged again, still byte-identical
    assert [r.changed for r in third] == [False] and not third[0].cached
    assert _snapshot(tree.locales_path) == written


def test_cache_notices_edited_catalog_and_template(tree: Settings) -> None:
    update_locales(tree)
    path = _fr(tree)
    path.write_text(path.read_text().replace("Ouvrir", "Ouvrir le dossier"))
    result = update_locales(tree)[0]
    assert not result.cached and not result.changed
    template = tree.locales_path / "messages.pot"
    template.write_text(template.read_text() + '\nmsgid "Brand new"\nmsgstr ""\n')
    result = update_locales(tree)[0]
    assert result.changed and result.added == 1
    assert read_catalog(path).get("Open", context="button").string == "Ouvrir le dossier"


def test_check_mode_reports_changes_and_writes_nothing(tree: Settings) -> None:
    before = _snapshot(tree.locales_path)
    results = update_locales(tree, check=True)
    assert results[0].changed
    assert _snapshot(tree.locales_path) == before
    assert not (tree.var_path / "cache").exists()


@pytest.mark.parametrize(
    "bad", ["syntax_error.po", "invalid_bytes.po", "duplicate_msgid.po", "no_charset.po",
            "malformed_plural_forms.po", "plural_count.po"],
)  # fmt: skip
def test_bad_catalog_stops_update_before_any_write(tree: Settings, bad: str) -> None:
    de = catalog_path(tree.locales_path, "de", "messages")
    de.parent.mkdir(parents=True)
    shutil.copy(PO / "bad" / bad, de)
    before = _snapshot(tree.locales_path)
    with pytest.raises(CatalogError) as info:
        update_locales(tree)
    assert str(info.value).startswith(f"{de}:")
    assert _snapshot(tree.locales_path) == before


def test_parallel_and_serial_updates_agree(tree: Settings, tmp_path: Path) -> None:
    for locale in ("de", "es", "it", "nl", "pt", "sv", "da", "fi", "nb"):
        target = catalog_path(tree.locales_path, locale, "messages")
        target.parent.mkdir(parents=True)
        text = (PO / "fr.po").read_text().replace("Language: fr", f"Language: {locale}")
        target.write_text(text)
    serial_root = tmp_path / "serial"
    shutil.copytree(tree.root / "locales", serial_root / "locales")
    serial = Settings(root=serial_root)
    update_locales(tree, workers=2)
    update_locales(serial, workers=1)
    for path in tree.locales_path.rglob("*.po"):
        assert path.read_bytes() == (serial_root / path.relative_to(tree.root)).read_bytes()


# --------------------------------------------------------------------------- init


@pytest.mark.parametrize(
    ("locale", "nplurals", "forms"),
    [
        ("ar", 6, {0: 0, 1: 1, 2: 2, 5: 3, 11: 4, 100: 5}),
        ("ja", 1, {0: 0, 1: 0, 7: 0}),
        ("fr", 3, {0: 0, 1: 0, 2: 2, 5: 2, 1000000: 1}),
        ("pl", 3, {1: 0, 3: 1, 5: 2, 22: 1, 25: 2}),
    ],
)
def test_init_sets_cldr_plural_forms(
    tree: Settings, locale: str, nplurals: int, forms: dict[int, int]
) -> None:
    path = init_catalog(tree, locale, "messages") if locale != "fr" else None
    if path is None:
        _fr(tree).unlink()
        path = init_catalog(tree, "fr", "messages")
    msgfmt_check(path)
    catalog = read_catalog(path)
    headers = dict(catalog.mime_headers)
    assert headers["Language"] == locale
    assert catalog.num_plurals == nplurals
    plural = gettext.c2py(catalog.plural_expr)
    assert {n: plural(n) for n in forms} == forms
    assert catalog.get("You have {count} new message").string == ("",) * nplurals
    assert len(catalog) == len(read_catalog(tree.locales_path / "messages.pot"))


def test_init_refuses_to_overwrite(tree: Settings) -> None:
    before = _fr(tree).read_bytes()
    with pytest.raises(CatalogError, match="already exists"):
        init_catalog(tree, "fr", "messages")
    assert _fr(tree).read_bytes() == before


# --------------------------------------------------------------------------- compile


def test_compile_writes_mo_with_plural_rules_and_skips_unchanged(tree: Settings) -> None:
    path = init_catalog(tree, "pl", "messages")
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""',
        'msgstr[0] "Masz {count} wiadomość"\nmsgstr[1] "Masz {count} wiadomości"\n'
        'msgstr[2] "Masz {count} wiadomości!"',
    )
    text = text.replace('msgid "Save changes"\nmsgstr ""', 'msgid "Save changes"\nmsgstr "Zapisz"')
    path.write_text(text, encoding="utf-8")
    update_locales(tree)
    written = compile_catalogs(tree)
    assert sorted(p.parent.parent.name for p in written) == ["fr", "pl"]
    with (path.with_suffix(".mo")).open("rb") as handle:
        pl = gettext.GNUTranslations(handle)
    msgid, plural = "You have {count} new message", "You have {count} new messages"
    assert pl.ngettext(msgid, plural, 1) == "Masz {count} wiadomość"
    assert pl.ngettext(msgid, plural, 3) == "Masz {count} wiadomości"
    assert pl.ngettext(msgid, plural, 5) == "Masz {count} wiadomości!"
    assert pl.gettext("Save changes") == "Zapisz"
    with _fr(tree).with_suffix(".mo").open("rb") as handle:
        fr = gettext.GNUTranslations(handle)
    assert fr.gettext("Delete your account permanently") == "Delete your account permanently"
    assert compile_catalogs(tree) == []
    mo = path.with_suffix(".mo")
    mo.write_bytes(b"damaged")
    assert compile_catalogs(tree) == [mo]


def test_compiled_mo_matches_gnu_msgunfmt(tree: Settings, tmp_path: Path) -> None:
    import subprocess

    update_locales(tree)
    (mo,) = compile_catalogs(tree)
    ours = subprocess.run(["msgunfmt", str(mo)], capture_output=True, check=True).stdout
    gnu_mo = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(gnu_mo), str(_fr(tree))], check=True)
    gnu = subprocess.run(["msgunfmt", str(gnu_mo)], capture_output=True, check=True).stdout
    assert ours == gnu


def test_compile_refuses_bad_catalog_and_writes_no_mo(tree: Settings) -> None:
    de = catalog_path(tree.locales_path, "de", "messages")
    de.parent.mkdir(parents=True)
    shutil.copy(PO / "bad" / "duplicate_msgid.po", de)
    with pytest.raises(CatalogError, match="duplicate"):
        compile_catalogs(tree)
    assert not list(tree.locales_path.rglob("*.mo"))


# --------------------------------------------------------------------------- CLI


def test_cli_check_exits_1_when_update_would_change_then_0(tree: Settings) -> None:
    root = str(tree.root)
    before = _snapshot(tree.locales_path)
    result = runner.invoke(app, ["update", "--check", "--root", root])
    assert result.exit_code == 1, result.output
    assert _snapshot(tree.locales_path) == before
    result = runner.invoke(app, ["update", "--root", root])
    assert result.exit_code == 0, result.output
    assert "fr" in result.output and "messages" in result.output
    result = runner.invoke(app, ["update", "--check", "--root", root])
    assert result.exit_code == 0, result.output


def test_cli_bad_input_prints_path_line_and_writes_nothing(tree: Settings) -> None:
    de = catalog_path(tree.locales_path, "de", "messages")
    de.parent.mkdir(parents=True)
    shutil.copy(PO / "bad" / "syntax_error.po", de)
    before = _snapshot(tree.locales_path)
    result = runner.invoke(app, ["update", "--root", str(tree.root)])
    assert result.exit_code == 1
    assert f"{de}:13:" in result.output.replace("\n", "")
    assert _snapshot(tree.locales_path) == before


def test_cli_init_and_compile_with_statistics(tree: Settings) -> None:
    root = str(tree.root)
    result = runner.invoke(app, ["init", "ja", "--root", root])
    assert result.exit_code == 0, result.output
    assert catalog_path(tree.locales_path, "ja", "messages").exists()
    again = runner.invoke(app, ["init", "ja", "--root", root])
    assert again.exit_code == 2 and "already exists" in again.output  # a usage error
    result = runner.invoke(app, ["compile", "--statistics", "--root", root])
    assert result.exit_code == 0, result.output
    assert "2 MO files written" in result.output
    assert "untranslated" in result.output
    for command in ("update", "init", "compile"):
        help_text = runner.invoke(app, [command, "--help"]).output
        assert "Usage" in help_text and "--root" in help_text


def test_cli_reports_every_bad_catalog_and_writes_nothing(tree: Settings) -> None:
    for locale, bad in (("de", "duplicate_msgid.po"), ("es", "invalid_bytes.po")):
        target = catalog_path(tree.locales_path, locale, "messages")
        target.parent.mkdir(parents=True)
        shutil.copy(PO / "bad" / bad, target)
    before = _snapshot(tree.locales_path)
    result = runner.invoke(app, ["update", "--root", str(tree.root)])
    output = result.output.replace("\n", "")
    assert result.exit_code == 1
    assert f"{catalog_path(tree.locales_path, 'de', 'messages')}:16:" in output
    assert f"{catalog_path(tree.locales_path, 'es', 'messages')}:11:" in output
    assert _snapshot(tree.locales_path) == before


def test_cli_no_fuzzy_and_locale_selection(tree: Settings) -> None:
    root = str(tree.root)
    result = runner.invoke(app, ["update", "--no-fuzzy", "--locale", "fr", "--root", root])
    assert result.exit_code == 0, result.output
    merged = read_catalog(_fr(tree))
    assert merged.get("Delete your account permanently").string == ""
    assert merged.obsolete["Delete your account"].string == "Supprimer votre compte"
    result = runner.invoke(app, ["update", "--locale", "xx", "--root", root])
    assert result.exit_code == 1
    assert "no catalog for locale 'xx'" in result.output
