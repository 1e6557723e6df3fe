"""Privacy notices: rendering in LTR and RTL languages, data-driven figures, the legal gate."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from i18n_pipeline.compliance import notices, notices_template
from i18n_pipeline.compliance.index import RuleIndex
from i18n_pipeline.compliance.loader import RuleSet, load_rules
from i18n_pipeline.compliance.notices_render import NoticeFormatError
from i18n_pipeline.compliance.schema import RightKind, Rule, TransferMechanism
from i18n_pipeline.config import Settings
from i18n_pipeline.errors import ConfigError, GateError
from i18n_pipeline.layout import catalog_path
from tests.compliance.notice_support import edit_message, parse_html

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "notices"
BREACH_HEADING = "Data breaches"


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    """The sample rules, read once (parsing every rule file takes seconds).

    Lenient loading: a rule file someone is still editing must not fail these tests,
    which need only the laws they name.
    """
    return load_rules(REPO / "compliance_rules")


def _rule(ruleset: RuleSet, rule_id: str) -> Rule:
    return RuleIndex(ruleset).get(rule_id)


def _minimal_rule() -> Rule:
    return Rule.model_validate(yaml.safe_load((DATA / "minimal_rule.yaml").read_text("utf-8")))


def _assert_well_formed(html_text: str) -> dict[str, str | None]:
    """The document parses with every tag closed in order; returns the <html> attributes."""
    parsed = parse_html(html_text)
    assert parsed.doctype == "DOCTYPE html"
    assert parsed.errors == []
    assert parsed.stack == []
    for tag in ("html", "head", "title", "body", "main", "h1"):
        assert parsed.counts.get(tag) == 1, tag
    assert parsed.counts["section"] == parsed.counts["h2"]
    return parsed.attrs["html"][0]


# --------------------------------------------------------------------------- rendering


def test_german_gdpr_notice_states_the_rule_figures_in_every_format(
    settings: Settings, ruleset: RuleSet
) -> None:
    rule = _rule(ruleset, "eu-gdpr")

    md = notices.render_notice(rule, "de", "md", settings=settings)
    html_text = notices.render_notice(rule, "de", "html", settings=settings)
    data = json.loads(notices.render_notice(rule, "de", "json", settings=settings))

    assert md.startswith("# Datenschutzerklärung\n")
    assert "Wir beantworten Ihren Antrag innerhalb von 1 Monat nach Eingang." in md
    assert "um bis zu 2 weitere Monate verlängern" in md
    assert "innerhalb von 72 Stunden, nachdem sie uns bekannt geworden ist" in md
    assert "jünger als 16 Jahre" in md
    assert "## Ihre Rechte" in md and "### Auskunftsrecht" in md
    assert "<https://www.edpb.europa.eu/about-edpb/about-edpb/members_en>" in md

    attrs = _assert_well_formed(html_text)
    assert attrs == {"lang": "de", "dir": "ltr"}
    assert "innerhalb von 72 Stunden" in html_text

    assert data["lang"] == "de" and data["direction"] == "ltr" and data["rule_id"] == "eu-gdpr"
    sections = {s["id"]: s for s in data["sections"]}
    assert {"controller", "collection", "rights", "breach", "children", "complaints"} <= set(
        sections
    )
    breach_text = " ".join(b["text"] for b in sections["breach"]["blocks"])
    assert "72 Stunden" in breach_text


def test_arabic_notice_is_right_to_left_with_the_figures(
    settings: Settings, ruleset: RuleSet
) -> None:
    rule = _rule(ruleset, "eu-gdpr")

    html_text = notices.render_notice(rule, "ar", "html", settings=settings)
    md = notices.render_notice(rule, "ar", "md", settings=settings)
    data = json.loads(notices.render_notice(rule, "ar", "json", settings=settings))

    attrs = _assert_well_formed(html_text)
    assert attrs == {"lang": "ar", "dir": "rtl"}
    assert "<title>إشعار الخصوصية</title>" in html_text
    assert "خلال 72 ساعة" in html_text  # the breach deadline, Arabic plural form for 11-99
    assert '<a href="mailto:privacy@example.com" dir="ltr">' in html_text
    assert md.startswith("# إشعار الخصوصية\n") and "16 سنة" in md
    assert data["direction"] == "rtl" and data["title"] == "إشعار الخصوصية"


def test_rendering_is_deterministic(settings: Settings, ruleset: RuleSet) -> None:
    rule = _rule(ruleset, "eu-gdpr")
    first = [
        notices.render_notice(rule, "fr", f, settings=settings) for f in ("md", "html", "json")
    ]
    again = [
        notices.render_notice(rule, "fr", f, settings=settings) for f in ("md", "html", "json")
    ]
    assert first == again


def test_a_changed_deadline_changes_the_text_without_touching_any_po_file(
    settings: Settings, ruleset: RuleSet
) -> None:
    po_files = sorted(settings.locales_path.glob("*/LC_MESSAGES/notices.po"))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in po_files}
    rule_file = settings.rules_path / "gdpr.yaml"
    text = rule_file.read_text("utf-8")
    assert text.count("value: 72\n") == 1
    rule_file.write_text(text.replace("value: 72\n", "value: 48\n"), "utf-8")

    rule = RuleIndex(load_rules(settings.rules_path)).get("eu-gdpr")
    md = notices.render_notice(rule, "de", "md", settings=settings)
    completeness = notices.notice_completeness(rule, "de", settings=settings)

    assert "innerhalb von 48 Stunden" in md and "72 Stunden" not in md
    assert completeness.complete
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in po_files} == before


def test_sections_appear_only_when_the_rule_has_their_data(settings: Settings) -> None:
    rule = _minimal_rule()
    kit = notices.NoticeKit.from_settings(settings)
    translations = notices.NoticeTranslations.load(settings, "en")

    data = json.loads(notices.render_notice(rule, "en", "json", translations=translations, kit=kit))
    used = notices.notice_completeness(rule, "en", translations=translations, kit=kit).used

    ids = [section["id"] for section in data["sections"]]
    assert ids == ["controller", "collection", "retention", "complaints", "updated"]
    assert BREACH_HEADING not in used and "Your rights" not in used
    # The law names no DPO duty, so the DPO line is left out too.
    assert not any("data protection officer" in msgid for msgid in used)


def test_values_from_rule_data_are_escaped_in_html_and_markdown(settings: Settings) -> None:
    rule = _minimal_rule()

    html_text = notices.render_notice(rule, "en", "html", settings=settings)
    md = notices.render_notice(rule, "en", "md", settings=settings)

    _assert_well_formed(html_text)
    assert "Test &lt;Privacy&gt; &amp; Data Commission" in html_text
    assert 'href="https://www.example.org/regulator?a=1&amp;b=2"' in html_text
    assert r"Test \<Privacy\> & Data Commission" in md
    assert "<https://www.example.org/regulator?a=1&b=2>" in md


def test_unknown_format_is_refused(settings: Settings) -> None:
    with pytest.raises(NoticeFormatError, match="unknown notice format 'pdf'"):
        notices.render_notice(_minimal_rule(), "en", "pdf", settings=settings)


# --------------------------------------------------------------------------- the legal gate


def test_complete_translation_ships(settings: Settings, ruleset: RuleSet) -> None:
    rule = _rule(ruleset, "eu-gdpr")

    completeness = notices.notice_completeness(rule, "de", settings=settings)
    artifacts, entries = notices.build_region_notices(settings, "emea", ["en", "de"], ruleset)

    assert completeness.complete and len(completeness.used) > 40
    entry = next(e for e in entries if e.rule_id == "eu-gdpr" and e.locale == "de")
    assert entry.status == "shipped" and not entry.required
    names = {a.name for a in artifacts}
    assert {f"emea/notices/eu-gdpr/de.{fmt}" for fmt in ("md", "html", "json")} <= names
    by_path = {a.path: a for a in artifacts}
    for file in entry.files:
        assert by_path[file.path].sha256 == file.sha256 and file.size == len(
            by_path[file.path].data
        )
        assert file.kind == "notice" and file.domain == "notices"


def test_one_fuzzy_message_withholds_the_notice(settings: Settings, ruleset: RuleSet) -> None:
    edit_message(catalog_path(settings.locales_path, "de", "notices"), "Your rights", fuzzy=True)
    rule = _rule(ruleset, "eu-gdpr")

    completeness = notices.notice_completeness(rule, "de", settings=settings)
    artifacts, entries = notices.build_region_notices(settings, "emea", ["en", "de"], ruleset)

    assert completeness.fuzzy == ("Your rights",) and completeness.missing == ()
    entry = next(e for e in entries if e.rule_id == "eu-gdpr" and e.locale == "de")
    assert entry.status == "withheld" and entry.files == []
    assert entry.reason.startswith("1 fuzzy of ") and "'Your rights'" in entry.reason
    assert not any(a.name.startswith("emea/notices/eu-gdpr/de.") for a in artifacts)
    english = next(e for e in entries if e.rule_id == "eu-gdpr" and e.locale == "en")
    assert english.status == "shipped"


def test_one_missing_message_withholds_the_notice(settings: Settings, ruleset: RuleSet) -> None:
    msgid = "within {count} hour"
    edit_message(catalog_path(settings.locales_path, "de", "notices"), msgid, clear=True)

    _, entries = notices.build_region_notices(settings, "emea", ["de"], ruleset)

    entry = next(e for e in entries if e.rule_id == "eu-gdpr" and e.locale == "de")
    assert entry.status == "withheld"
    assert entry.reason.startswith("1 untranslated of ") and repr(msgid) in entry.reason


def test_a_message_the_rule_does_not_render_does_not_block_it(
    settings: Settings, ruleset: RuleSet
) -> None:
    # GDPR grants no sale opt-out, so its notice has no sale section.
    msgid = "We do not sell your personal information."
    edit_message(catalog_path(settings.locales_path, "de", "notices"), msgid, clear=True)

    gdpr = notices.notice_completeness(_rule(ruleset, "eu-gdpr"), "de", settings=settings)
    ccpa = notices.notice_completeness(_rule(ruleset, "us-ca-ccpa"), "de", settings=settings)

    assert gdpr.complete and msgid not in gdpr.used
    assert ccpa.missing == (msgid,)


def test_a_wrong_placeholder_counts_against_the_notice(
    settings: Settings, ruleset: RuleSet
) -> None:
    path = catalog_path(settings.locales_path, "de", "notices")
    text = path.read_text("utf-8")
    path.write_text(
        text.replace('msgstr "Kontakt: {email}"', 'msgstr "Kontakt: {e_mail}"'), "utf-8"
    )

    completeness = notices.notice_completeness(_rule(ruleset, "eu-gdpr"), "de", settings=settings)

    assert completeness.invalid == ("Contact: {email}",) and not completeness.complete


def _french_ruleset(ruleset: RuleSet) -> RuleSet:
    """Only the test law that requires French, in Quebec (a subdivision of an Americas country)."""
    data = yaml.safe_load((DATA / "required_french_rule.yaml").read_text("utf-8"))
    return RuleSet(rules=(Rule.model_validate(data),), jurisdictions=ruleset.jurisdictions)


def test_required_language_ships_where_the_product_ui_does_not(
    settings: Settings, ruleset: RuleSet
) -> None:
    artifacts, entries = notices.build_region_notices(
        settings, "americas", ["en", "es"], _french_ruleset(ruleset)
    )

    assert [(e.locale, e.status, e.required) for e in entries] == [
        ("en", "shipped", False),
        ("es", "shipped", False),
        ("fr", "shipped", True),  # fr-CA is served by the fr catalog
    ]
    assert entries[2].reason.startswith("required by TAFPN; all ")
    french = next(a for a in artifacts if a.name == "americas/notices/ca-qc-test-french/fr.md")
    assert "dans un délai de 30 jours à compter de sa réception" in french.data.decode("utf-8")


def test_required_language_incomplete_stops_the_release(
    settings: Settings, ruleset: RuleSet
) -> None:
    edit_message(catalog_path(settings.locales_path, "fr", "notices"), "Privacy notice", fuzzy=True)

    with pytest.raises(GateError) as caught:
        notices.build_region_notices(settings, "americas", ["en", "es"], _french_ruleset(ruleset))

    error = caught.value
    assert (error.rule_id, error.locale, error.region) == ("ca-qc-test-french", "fr", "americas")
    assert "notice 'ca-qc-test-french' is required in 'fr'" in str(error)
    assert "1 fuzzy of " in str(error) and "'Privacy notice'" in str(error)
    assert "translate locales/fr/LC_MESSAGES/notices.po" in str(error)


def test_a_required_language_without_any_catalog_stops_the_release(
    settings: Settings, ruleset: RuleSet
) -> None:
    data = yaml.safe_load((DATA / "required_french_rule.yaml").read_text("utf-8"))
    data["notice_languages"][0]["tag"] = "th"
    rules = RuleSet(rules=(Rule.model_validate(data),), jurisdictions=ruleset.jurisdictions)

    with pytest.raises(GateError) as caught:
        notices.build_region_notices(settings, "americas", ["en"], rules)

    assert (caught.value.rule_id, caught.value.locale) == ("ca-qc-test-french", "th")
    assert "no notices catalog for 'th'" in str(caught.value)
    assert "translate locales/th/LC_MESSAGES/notices.po" in str(caught.value)


def test_the_sample_french_requirements_ship(settings: Settings, ruleset: RuleSet) -> None:
    """Whatever the rule files require in French (Quebec, France) is complete."""
    for region in settings.regions.regions:
        _, entries = notices.build_region_notices(settings, region, ["en"], ruleset)
        for entry in entries:
            if entry.required:
                assert entry.status == "shipped", entry


def test_unknown_region_is_a_config_error(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="unknown region 'mars'"):
        notices.build_region_notices(settings, "mars", ["en"])


def test_required_catalog_maps_variants_and_legal_only_languages(settings: Settings) -> None:
    assert notices.required_catalog(settings, "fr-CA") == "fr"
    assert notices.required_catalog(settings, "zh-CN") == "zh_Hans"
    assert notices.required_catalog(settings, "en-IN") == "en"
    assert notices.required_catalog(settings, "ms") == "ms"  # notices-only catalog
    assert notices.required_catalog(settings, "th") is None


# --------------------------------------------------------------------------- the sample data


def _decide_all(settings: Settings, ruleset: RuleSet) -> dict[str, list[tuple[str, str, str]]]:
    decided: dict[str, list[tuple[str, str, str]]] = {}
    for region in settings.regions.regions:
        shipped = [lang.locale for lang in settings.matrix.shipped_in(region)]
        entries = notices.build_region_notices(settings, region, shipped, ruleset)[1]
        decided[region] = [(e.rule_id, e.locale, e.status) for e in entries]
    return decided


def test_region_notices_on_the_sample_data(settings: Settings, ruleset: RuleSet) -> None:
    """Every region builds and every notice ships, Korean included (kr-pipa in ko)."""
    decided: dict[str, list[tuple[str, str, str]]] = {}
    for region in settings.regions.regions:
        shipped = [lang.locale for lang in settings.matrix.shipped_in(region)]
        artifacts, entries = notices.build_region_notices(settings, region, shipped, ruleset)
        decided[region] = [(e.rule_id, e.locale, e.status) for e in entries]

        assert len({a.path for a in artifacts}) == len(artifacts)
        for artifact in artifacts:
            assert re.fullmatch(
                rf"{region}/notices/[a-z0-9-]+/[A-Za-z-]+\.(md|html|json)", artifact.name
            )
        for entry in entries:
            assert (entry.status == "shipped") == (len(entry.files) == 3), entry
            if entry.locale == "en":
                assert entry.status == "shipped"

    assert ("kr-pipa", "ko", "shipped") in decided["apac"]
    assert all(status == "shipped" for rows in decided.values() for *_, status in rows)


def test_an_untranslated_korean_breach_heading_withholds_only_notices_that_use_it(
    settings: Settings, ruleset: RuleSet
) -> None:
    """The withheld path on edited test data (a copy of the sample with one ko message emptied)."""
    path = catalog_path(settings.locales_path, "ko", "notices")
    edit_message(path, BREACH_HEADING, clear=True)

    apac = _decide_all(settings, ruleset)["apac"]

    korean = {rule_id: status for rule_id, locale, status in apac if locale == "ko"}
    assert korean["kr-pipa"] == "withheld"
    assert set(korean.values()) == {"shipped", "withheld"}  # a rule without the section ships
    assert all(status == "shipped" for _, locale, status in apac if locale != "ko")


def test_region_notices_pairs_each_entry_with_its_files(
    settings: Settings, ruleset: RuleSet
) -> None:
    """The release builder's call: ``region_notices(settings, region, shipped_tags)``."""
    pairs = notices.region_notices(settings, "apac", ["en", "zh-Hans", "ko"], ruleset=ruleset)

    assert pairs
    for entry, files in pairs:
        assert [f.path for f in entry.files] == [a.path for a in files]
        assert all(a.kind == "notice" for a in files)
        assert (entry.status == "withheld") == (files == [])


# --------------------------------------------------------------------------- bad input


def test_template_wording_covers_every_right_and_mechanism_of_the_schema() -> None:
    assert {kind.value for kind in RightKind} == notices.SUPPORTED_RIGHTS
    assert {kind.value for kind in TransferMechanism} == notices.SUPPORTED_MECHANISMS


def test_a_right_without_wording_is_refused_not_rendered_blank(
    settings: Settings, ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        notices_template, "SUPPORTED_RIGHTS", notices.SUPPORTED_RIGHTS - {"portability"}
    )

    with pytest.raises(NoticeFormatError, match="'eu-gdpr': no notice wording for right 'portab"):
        notices.render_notice(_rule(ruleset, "eu-gdpr"), "de", "md", settings=settings)


def test_a_broken_profile_names_its_file_and_line(settings: Settings) -> None:
    profile = settings.rules_path / "notices" / "profile.yaml"
    text = profile.read_text("utf-8")
    profile.write_text(text.replace("email: privacy@example.com", "email: not-an-address"), "utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "email: privacy@" in row)

    with pytest.raises(ConfigError) as caught:
        notices.NoticeKit.from_settings(settings)

    assert caught.value.path == profile and caught.value.line == line
    assert "controller.email" in str(caught.value)


def test_a_template_syntax_error_names_file_and_line(settings: Settings) -> None:
    notices_dir = settings.rules_path / "notices"
    template = notices_dir / notices.TEMPLATE
    lines = template.read_text("utf-8").splitlines()
    lines.insert(20, "{% if %}")
    template.write_text("\n".join(lines) + "\n", "utf-8")
    kit = notices.NoticeKit(notices_dir, notices.load_profile(notices_dir))
    translations = notices.NoticeTranslations.load(settings, "en")

    with pytest.raises(NoticeFormatError, match=r"privacy_notice\.j2:21: template syntax"):
        notices.render_document(_minimal_rule(), translations, kit)
