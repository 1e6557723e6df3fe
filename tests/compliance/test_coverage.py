"""Coverage of the committed rules dataset: every market has its laws, and they check clean.

These tests read the real ``compliance_rules/`` and ``locales/regions.yaml``, so
adding a market country without a rule file, or a rule file the checker rejects,
fails here. The key-figure table pins the numbers product decisions rest on
(deadlines, ages) to what the rule files say, so an accidental edit shows up in
review as a test change.
"""

from __future__ import annotations

from datetime import date

import pytest

from i18n_pipeline.compliance.checks import Severity, check_rules
from i18n_pipeline.compliance.index import RuleIndex, parse_location
from i18n_pipeline.compliance.loader import load_rules_strict, rule_files
from i18n_pipeline.compliance.residency import Verdict, residency
from i18n_pipeline.compliance.schema import DayKind, Rule, TimeUnit
from i18n_pipeline.config import Regions, load_regions
from tests.conftest import REPO

RULES_DIR = REPO / "compliance_rules"
REVIEW_DAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def index() -> RuleIndex:
    return RuleIndex(load_rules_strict(RULES_DIR))


@pytest.fixture(scope="module")
def regions() -> Regions:
    return load_regions(REPO / "locales" / "regions.yaml")


def _market_countries() -> list[str]:
    regions = load_regions(REPO / "locales" / "regions.yaml")
    return sorted({c for region in regions.regions.values() for c in region.countries})


def _ids(index: RuleIndex, location: str) -> list[str]:
    return [rule.id for rule in index.for_location(*parse_location(location))]


@pytest.mark.parametrize("country", _market_countries())
def test_every_market_country_has_an_applicable_rule(index: RuleIndex, country: str) -> None:
    assert index.for_location(country), f"no rule file covers market country {country}"


@pytest.mark.parametrize("country", _market_countries())
def test_every_market_country_has_a_law_of_its_own(index: RuleIndex, country: str) -> None:
    """Group laws (the GDPR) alone are not enough: each market names its national law."""
    own = [rule.id for rule in index.for_location(country) if country in rule.jurisdictions]
    assert own, f"{country} is covered only through groups; add its national rule file"


@pytest.mark.parametrize("country", _market_countries())
def test_residency_is_never_unknown_for_a_market_country(
    index: RuleIndex, regions: Regions, country: str
) -> None:
    """Each applicable rule says enough about transfers for every configured cloud region."""
    answer = residency(country, regions, index)

    unknown = [r.cloud_region for r in answer.regions if r.verdict is Verdict.UNKNOWN]
    assert not unknown, f"{country}: residency unknown for {unknown}"


# Edge locations of the phase-1 plan (shared/context.md) as ISO 3166 codes, and the
# laws each must get, broadest first. `exact` rows are the full answer; the others
# (laws maintained in other rule files) must appear in this order, others may follow.
LOCATIONS = [
    ("New York", "US-NY", ["us-federal"], False),
    ("Los Angeles", "US-CA", ["us-federal", "us-ca-ccpa"], False),
    ("Toronto", "CA-ON", ["ca-pipeda"], False),
    ("Montréal", "CA-QC", ["ca-pipeda", "ca-qc-law25"], False),
    ("London", "GB-LND", ["gb-uk-gdpr"], False),
    ("Mexico City", "MX-CMX", ["mx-lfpdppp"], True),
    ("São Paulo", "BR-SP", ["br-lgpd"], True),
    ("Buenos Aires", "AR-C", ["ar-ley-25326"], True),
    ("Santiago", "CL-RM", ["cl-ley-19628"], True),
    ("Frankfurt", "DE-HE", ["eu-gdpr", "de-bdsg"], True),
    ("Paris", "FR-IDF", ["eu-gdpr", "fr-loi-informatique-libertes"], True),
    ("Amsterdam", "NL-NH", ["eu-gdpr", "nl-uavg"], True),
    ("Dubai", "AE-DU", ["ae-pdpl", "ae-difc-dpl"], True),
    ("Abu Dhabi", "AE-AZ", ["ae-pdpl", "ae-adgm-dpr"], True),
    ("Sharjah", "AE-SH", ["ae-pdpl"], True),
    ("Tel Aviv", "IL-TA", ["il-ppl"], True),
    ("Johannesburg", "ZA-GP", ["za-popia"], True),
    ("Shenzhen", "CN-GD", ["cn-pipl"], True),
    ("Hong Kong", "HK", ["hk-pdpo"], True),
    ("Osaka", "JP-27", ["jp-appi"], True),
    ("Busan", "KR-26", ["kr-pipa"], True),
    ("Singapore", "SG", ["sg-pdpa"], True),
    ("Bangkok", "TH-10", ["th-pdpa"], True),
    ("Jakarta", "ID-JK", ["id-pdp"], True),
    ("Kuala Lumpur", "MY-14", ["my-pdpa"], True),
    ("Manila", "PH-00", ["ph-dpa"], True),
    ("Bangalore", "IN-KA", ["in-dpdp"], True),
    ("Melbourne", "AU-VIC", ["au-privacy-act"], True),
]


@pytest.mark.parametrize(
    ("city", "location", "expected", "exact"), LOCATIONS, ids=[row[0] for row in LOCATIONS]
)
def test_edge_locations_get_their_laws(
    index: RuleIndex, city: str, location: str, expected: list[str], exact: bool
) -> None:
    got = _ids(index, location)

    if exact:
        assert got == expected, f"{city} ({location})"
    else:
        assert [rule_id for rule_id in got if rule_id in expected] == expected, city


def test_free_zone_laws_do_not_leak_into_other_emirates(index: RuleIndex) -> None:
    """DIFC and ADGM rules are coded to their emirate only, never to the whole country."""
    assert _ids(index, "AE") == ["ae-pdpl"]
    assert "ae-difc-dpl" not in _ids(index, "AE-AZ")
    assert "ae-adgm-dpr" not in _ids(index, "AE-DU")


def test_every_rule_file_passes_the_checker_without_errors() -> None:
    findings = check_rules(RULES_DIR, today=REVIEW_DAY)

    errors = [f"{f.where}: {f.code}: {f.message}" for f in findings if f.severity is Severity.ERROR]
    assert not errors, "\n".join(errors)


def test_every_rule_file_is_loaded(index: RuleIndex) -> None:
    """No file is silently dropped: one rule per file, ids unique."""
    assert len(index.ruleset) == len(rule_files(RULES_DIR))


@pytest.mark.parametrize("rule_id", ["de-bdsg", "fr-loi-informatique-libertes", "nl-uavg"])
def test_national_gdpr_laws_supplement_it_and_defer_transfers(
    index: RuleIndex, rule_id: str
) -> None:
    """They name eu-gdpr and add no transfer regime, so residency follows the GDPR's."""
    rule = index.get(rule_id)

    assert rule.supplements == ["eu-gdpr"]
    assert index.get("eu-gdpr") in index.for_location(rule.jurisdictions[0])
    assert rule.cross_border_transfer is not None
    assert rule.cross_border_transfer.restricted is False


def test_china_localization_leaves_no_configured_region(index: RuleIndex, regions: Regions) -> None:
    """PIPL's conditional duty is reported, and no configured cloud region is in China."""
    answer = residency("CN", regions, index)

    [localized] = answer.localized
    assert localized.rule_id == "cn-pipl"
    assert localized.regions == ()
    assert "CN" in localized.text


def _deadline(rule: Rule, right: str) -> tuple[int | None, TimeUnit | None, DayKind]:
    entry = rule.right(right)
    assert entry is not None and entry.deadline is not None, f"{rule.id}: no {right} deadline"
    return entry.deadline.value, entry.deadline.unit, entry.deadline.kind


# (rule, right, value, unit, kind): the figures the business brief fixed for these laws.
RIGHT_DEADLINES = [
    ("ar-ley-25326", "access", 10, TimeUnit.DAYS, DayKind.CALENDAR),
    ("ar-ley-25326", "correction", 5, TimeUnit.DAYS, DayKind.BUSINESS),
    ("ar-ley-25326", "deletion", 5, TimeUnit.DAYS, DayKind.BUSINESS),
    ("hk-pdpo", "access", 40, TimeUnit.DAYS, DayKind.CALENDAR),
    ("kr-pipa", "access", 10, TimeUnit.DAYS, DayKind.CALENDAR),
    ("sg-pdpa", "access", 30, TimeUnit.DAYS, DayKind.CALENDAR),
    ("th-pdpa", "access", 30, TimeUnit.DAYS, DayKind.CALENDAR),
    ("my-pdpa", "access", 21, TimeUnit.DAYS, DayKind.CALENDAR),
    ("au-privacy-act", "access", 30, TimeUnit.DAYS, DayKind.CALENDAR),
    ("br-lgpd", "access", 15, TimeUnit.DAYS, DayKind.CALENDAR),
    ("cl-ley-19628", "access", 30, TimeUnit.DAYS, DayKind.CALENDAR),
    ("id-pdp", "access", 72, TimeUnit.HOURS, DayKind.CALENDAR),
]


@pytest.mark.parametrize(("rule_id", "right", "value", "unit", "kind"), RIGHT_DEADLINES)
def test_right_deadlines_match_the_law(
    index: RuleIndex, rule_id: str, right: str, value: int, unit: TimeUnit, kind: DayKind
) -> None:
    assert _deadline(index.get(rule_id), right) == (value, unit, kind)


# (rule, value, unit, kind) of the duty to notify the regulator.
BREACH_DEADLINES = [
    ("br-lgpd", 3, TimeUnit.DAYS, DayKind.BUSINESS),
    ("kr-pipa", 72, TimeUnit.HOURS, DayKind.CALENDAR),
    ("sg-pdpa", 3, TimeUnit.DAYS, DayKind.CALENDAR),
    ("th-pdpa", 72, TimeUnit.HOURS, DayKind.CALENDAR),
    ("id-pdp", 72, TimeUnit.HOURS, DayKind.CALENDAR),
    ("ph-dpa", 72, TimeUnit.HOURS, DayKind.CALENDAR),
    ("in-dpdp", 72, TimeUnit.HOURS, DayKind.CALENDAR),
]


@pytest.mark.parametrize(("rule_id", "value", "unit", "kind"), BREACH_DEADLINES)
def test_regulator_breach_deadlines_match_the_law(
    index: RuleIndex, rule_id: str, value: int, unit: TimeUnit, kind: DayKind
) -> None:
    breach = index.get(rule_id).breach_notification
    assert breach is not None and breach.regulator is not None
    deadline = breach.regulator.deadline
    assert deadline is not None

    assert (deadline.value, deadline.unit, deadline.kind) == (value, unit, kind)


@pytest.mark.parametrize(
    ("rule_id", "age"),
    [
        ("fr-loi-informatique-libertes", 15),
        ("nl-uavg", 16),
        ("de-bdsg", 16),
        ("za-popia", 18),
        ("cn-pipl", 14),
        ("kr-pipa", 14),
        ("in-dpdp", 18),
        ("br-lgpd", 12),
    ],
)
def test_child_consent_ages_match_the_law(index: RuleIndex, rule_id: str, age: int) -> None:
    children = index.get(rule_id).children
    assert children is not None

    assert children.age_of_consent.value == age


def test_australia_30_days_binds_agencies_and_the_text_says_so(index: RuleIndex) -> None:
    """APP 12.4: 30 days for agencies, a reasonable period for organisations."""
    access = index.get("au-privacy-act").right("access")
    assert access is not None and access.deadline is not None

    assert "reasonable period" in (access.deadline.text or "")
    assert "agenc" in (access.deadline.text or "")


def test_laws_not_yet_fully_in_force_say_so(index: RuleIndex) -> None:
    """India's core duties start in 2027; the rule's status and dates must show it."""
    rule = index.get("in-dpdp")

    assert rule.status.value == "partially_in_force"
    assert max(e.date for e in rule.effective) > REVIEW_DAY


def test_malaysia_notice_must_be_in_malay_and_english(index: RuleIndex) -> None:
    tags = [language.tag for language in index.get("my-pdpa").notice_languages]

    assert tags == ["ms", "en"]
