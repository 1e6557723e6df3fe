"""Building a release: gates per region, fallback exposure, content-hashed files,
byte-identical rebuilds and a rebuild that touches only the changed locale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from i18n_pipeline import db
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import GateError
from i18n_pipeline.release import build, diff_releases, verify_release
from i18n_pipeline.store import LocalStore, open_store
from tests.release_support import (
    edit_matrix,
    make_project,
    replace_in_catalog,
    set_target,
    tree_bytes,
)
from tests.support import msgfmt_check


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("I18N_DATABASE_URL", raising=False)
    return make_project(tmp_path / "project")


def test_gates_decide_per_language_with_reasons(settings: Settings) -> None:
    manifest = build(settings, open_store(settings)).manifest

    emea = manifest.regions["emea"].locales
    assert (emea["de"].gate.status, emea["fr"].gate.status, emea["ar"].gate.status) == (
        "pass",
        "warn",
        "excluded",
    )
    assert "60.0% of messages vs target 75%" in emea["fr"].gate.reason
    assert "P2 gate is exclude" in emea["ar"].gate.reason
    assert emea["ar"].files == []  # excluded: clients fall back
    assert {f.format for f in emea["fr"].files} == {"i18next", "gettext", "mo"}
    assert any("emea/fr: warn" in w for w in manifest.warnings)
    assert set(manifest.regions["apac"].locales) == {"en", "zh-Hans", "ja"}
    assert manifest.regions["apac"].locales["zh-Hans"].fallback == ["en"]
    assert manifest.source_commit == "0123456789abcdef0123"


def test_fallback_exposure_counts_untranslated_and_fuzzy_by_fallback(settings: Settings) -> None:
    settings = edit_matrix(settings, fallbacks={"fr": ["de"]})

    manifest = build(settings, open_store(settings)).manifest

    fr = manifest.regions["emea"].locales["fr"]
    assert fr.fallback == ["de", "en"]
    # 3 untranslated + 1 fuzzy, all of which German has.
    assert fr.fallback_exposure.messages == 4
    assert fr.fallback_exposure.by_locale == {"de": 4}
    ar = manifest.regions["emea"].locales["ar"]
    assert ar.fallback_exposure.messages == 10  # excluded: every message comes from a fallback


def test_p0_locale_lists_the_msgids_that_fall_back(settings: Settings) -> None:
    settings = set_target(settings, "zh_Hans", 0.9)
    replace_in_catalog(settings, "zh_Hans", 'msgstr "退出"', 'msgstr ""')

    manifest = build(settings, open_store(settings)).manifest

    entry = manifest.regions["apac"].locales["zh-Hans"]
    assert entry.gate.status == "pass"
    assert entry.fallback_exposure.p0_msgids == ["Sign out"]
    assert entry.fallback_exposure.by_locale == {"en": 1}


def test_p0_below_target_blocks_naming_locale_completion_and_target(settings: Settings) -> None:
    replace_in_catalog(settings, "zh_Hans", 'msgstr "退出"', 'msgstr ""')
    store = open_store(settings)

    with pytest.raises(GateError) as info:
        build(settings, store)

    message = str(info.value)
    assert "zh-Hans in apac" in message and "90.0%" in message and "95%" in message
    assert info.value.locale == "zh-Hans" and info.value.region == "apac"
    assert store.list_releases() == [] and store.current() is None


def test_files_are_content_hashed_and_match_the_manifest(settings: Settings) -> None:
    store = open_store(settings)
    manifest = build(settings, store).manifest
    assert isinstance(store, LocalStore)
    release_dir = store.releases / manifest.release_id

    for entry in manifest.files():
        data = (release_dir / entry.path).read_bytes()
        assert len(data) == entry.size
        assert entry.sha256[:12] in entry.path
    mo_files = [release_dir / e.path for e in manifest.files() if e.format == "mo"]
    assert mo_files
    de_gettext = next(
        e
        for e in manifest.regions["emea"].locales["de"].files
        if e.format == "gettext" and e.domain == "messages"
    )
    assert json.loads((release_dir / de_gettext.path).read_bytes())["Save"] == "Speichern"
    en_gettext = next(
        e
        for e in manifest.regions["emea"].locales["en"].files
        if e.format == "gettext" and e.domain == "messages"
    )
    english = json.loads((release_dir / en_gettext.path).read_bytes())
    assert english["Save"] == "Save"  # the source ships its own strings
    assert english["{count} job"] == ["{count} job", "{count} jobs"]
    assert verify_release(store).ok
    assert store.current().release_id == manifest.release_id  # type: ignore[union-attr]
    assert json.loads((store.root / "current").read_bytes())["release_id"] == manifest.release_id


def test_same_inputs_give_byte_identical_files(settings: Settings, tmp_path: Path) -> None:
    first_store, second_store = LocalStore(tmp_path / "a"), LocalStore(tmp_path / "b")
    first = build(settings, first_store).manifest
    # A fresh cache too: nothing may depend on what was rendered before.
    second_settings = Settings(
        root=settings.root, var_dir=tmp_path / "other-var", source_commit=settings.source_commit
    )
    second = build(second_settings, second_store).manifest

    assert first.inputs_sha256 == second.inputs_sha256
    assert first.release_id[-10:] == second.release_id[-10:]
    assert first.model_dump(exclude={"created_at", "release_id"}) == second.model_dump(
        exclude={"created_at", "release_id"}
    )
    assert tree_bytes(first_store.releases / first.release_id) == tree_bytes(
        second_store.releases / second.release_id
    )


def test_rebuild_after_one_catalog_changed_touches_only_that_locale(settings: Settings) -> None:
    store = open_store(settings)
    first = build(settings, store)
    replace_in_catalog(settings, "de", 'msgstr "Abmelden"', 'msgstr "Ausloggen"')

    second = build(settings, store)

    assert second.manifest.inputs_sha256 != first.manifest.inputs_sha256
    assert second.rendered == 1  # one catalog rendered again: emea/de messages
    assert second.cached == first.rendered - 1
    assert second.written == 3  # its i18next, gettext and mo files
    assert all(path.startswith("emea/de/messages.") for path in second.written_paths)
    assert second.reused == second.files - 3
    assert isinstance(store, LocalStore)
    old_dir = store.releases / first.manifest.release_id
    new_dir = store.releases / second.manifest.release_id
    unchanged = next(e.path for e in second.manifest.files() if e.path.startswith("apac/ja/"))
    assert (old_dir / unchanged).stat().st_ino == (new_dir / unchanged).stat().st_ino

    diffs = diff_releases(store, first.manifest.release_id, second.manifest.release_id)
    assert [(d.region, d.locale, d.domain, d.changed, d.added, d.removed) for d in diffs] == [
        ("emea", "de", "messages", ["Sign out"], [], [])
    ]


def test_built_mo_and_sources_stay_valid_for_msgfmt(settings: Settings) -> None:
    for path in sorted(settings.locales_path.rglob("*.po")):
        msgfmt_check(path)


def test_release_and_completion_are_recorded_in_the_database(settings: Settings) -> None:
    manifest = build(settings, open_store(settings), actor="ci").manifest

    history = db.completion_history(settings, locale="fr", domain="messages")
    assert [(r.release_id, r.total, r.translated, r.fuzzy) for r in history] == [
        (manifest.release_id, 10, 6, 1)
    ]
    moves = db.activations(settings, manifest.release_id)
    assert [(m.actor, m.previous_release_id) for m in moves] == [("ci", None)]


def copy_rules(settings: Settings, names: tuple[str, ...]) -> None:
    """Put some of the repository's rule files (and the notice templates) in the project."""
    repo_rules = Path(__file__).resolve().parents[1] / "compliance_rules"
    target = settings.rules_path
    shutil.copytree(repo_rules / "notices", target / "notices")
    for name in ("jurisdictions.yaml", *names):
        shutil.copy(repo_rules / name, target / name)


def test_notices_and_rule_dataset_ship_with_the_release(settings: Settings) -> None:
    copy_rules(settings, ("us_federal.yaml",))
    store = open_store(settings)

    manifest = build(settings, store).manifest

    assert manifest.rules is not None and manifest.rules.kind == "rules"
    rules = json.loads(store.get_bytes(manifest.release_id, manifest.rules.path))
    assert [rule["id"] for rule in rules["rules"]] == ["us-federal"]
    notices = {(n.rule_id, n.locale): n for n in manifest.regions["americas"].notices}
    english, spanish = notices[("us-federal", "en")], notices[("us-federal", "es")]
    assert english.status == "shipped" and {f.format for f in english.files} >= {"md", "html"}
    assert spanish.status == "withheld" and spanish.files == [] and "untranslated" in spanish.reason
    assert manifest.regions["emea"].notices == []
    assert verify_release(store).ok


def test_required_notice_that_cannot_ship_stops_the_build(settings: Settings) -> None:
    rule_files = sorted(
        p.name
        for p in (Path(__file__).resolve().parents[1] / "compliance_rules").glob("*.yaml")
        if p.name != "jurisdictions.yaml"
    )
    copy_rules(settings, tuple(rule_files))
    store = open_store(settings)

    with pytest.raises(GateError, match="is required in") as info:
        build(settings, store)

    assert info.value.rule_id and info.value.locale
    assert store.list_releases() == []


def test_diff_reports_added_and_removed_messages(settings: Settings) -> None:
    store = open_store(settings)
    first = build(settings, store).manifest.release_id
    replace_in_catalog(
        settings,
        "fr",
        'msgid "Upload your résumé"\nmsgstr ""',
        'msgid "Upload your résumé"\nmsgstr "Téléversez votre CV"',
    )
    replace_in_catalog(settings, "fr", 'msgstr "Enregistrer"', 'msgstr ""')
    second = build(settings, store).manifest.release_id

    diffs = diff_releases(store, first, second)

    assert [(d.locale, d.added, d.removed, d.changed) for d in diffs] == [
        ("fr", ["Upload your résumé"], ["Save"], [])
    ]
