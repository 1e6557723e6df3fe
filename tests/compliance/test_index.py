"""Which rules apply where: real locations over the committed rules, and edge cases."""

from __future__ import annotations

import pytest

from i18n_pipeline.compliance.index import (
    JurisdictionError,
    RuleIndex,
    UnknownRuleError,
    normalize_location,
    parse_location,
)
from i18n_pipeline.compliance.loader import load_rules_strict
from tests.conftest import DATA, REPO


@pytest.fixture(scope="module")
def index() -> RuleIndex:
    return RuleIndex(load_rules_strict(REPO / "compliance_rules"))


@pytest.fixture(scope="module")
def test_index() -> RuleIndex:
    return RuleIndex(load_rules_strict(DATA / "rules" / "good"))


def _ids(index: RuleIndex, location: str) -> list[str]:
    return [rule.id for rule in index.for_location(*parse_location(location))]


# Other rule files (e.g. de-bdsg) may add to these; the listed ones must be there, in this order.
@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("DE", ["eu-gdpr"]),
        ("FR", ["eu-gdpr"]),
        ("IE", ["eu-gdpr"]),
        ("NO", ["eu-gdpr"]),
        ("US-CA", ["us-federal", "us-ca-ccpa"]),
        ("US", ["us-federal"]),
        ("US-VA", ["us-federal"]),
        ("CA-QC", ["ca-pipeda", "ca-qc-law25"]),
        ("CA", ["ca-pipeda"]),
        ("GB", ["gb-uk-gdpr"]),
        ("CH", ["ch-fadp"]),
    ],
)
def test_real_locations_get_their_laws_broadest_first(
    index: RuleIndex, location: str, expected: list[str]
) -> None:
    ids = _ids(index, location)
    assert [rule_id for rule_id in ids if rule_id in expected] == expected


@pytest.mark.parametrize(
    ("location", "absent"),
    [
        ("US", "us-ca-ccpa"),
        ("CA", "ca-qc-law25"),
        ("CA-ON", "ca-qc-law25"),
        ("GB", "eu-gdpr"),
        ("CH", "eu-gdpr"),
    ],
)
def test_laws_do_not_leak_to_other_places(index: RuleIndex, location: str, absent: str) -> None:
    assert absent not in _ids(index, location)


def test_a_national_supplement_follows_the_eu_law_it_supplements(index: RuleIndex) -> None:
    ids = _ids(index, "DE")
    if "de-bdsg" not in ids:
        pytest.skip("no de-bdsg rule file committed yet")
    assert ids.index("eu-gdpr") < ids.index("de-bdsg")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("SE", ["nd-test-law", "se-test-supplement"]),
        ("DK", ["nd-test-law"]),
        ("US-NY", ["us-ny-test-local"]),
        ("US", []),
        ("JP", []),
    ],
)
def test_group_country_and_subdivision_tiers(
    test_index: RuleIndex, location: str, expected: list[str]
) -> None:
    assert _ids(test_index, location) == expected


@pytest.mark.parametrize(
    ("country", "subdivision", "message"),
    [
        ("XX", None, "'XX' is not an ISO 3166-1 alpha-2 country code"),
        ("USA", None, "'USA' is not an ISO 3166-1 alpha-2"),
        ("US", "XX", "'US-XX' is not an ISO 3166-2 subdivision code"),
        ("CA", "US-CA", "subdivision 'US-CA' is not in country 'CA'"),
    ],
)
def test_unknown_codes_are_a_clear_error(
    index: RuleIndex, country: str, subdivision: str | None, message: str
) -> None:
    with pytest.raises(JurisdictionError, match=message) as caught:
        index.for_location(country, subdivision)
    assert caught.value.exit_code == 2


def test_codes_are_normalized() -> None:
    assert normalize_location("ca", "qc") == ("CA", "CA-QC")
    assert normalize_location(" us ", "us-ca") == ("US", "US-CA")


def test_get_returns_a_rule_or_names_the_known_ids(index: RuleIndex) -> None:
    assert index.get("eu-gdpr").name.short == "GDPR"
    with pytest.raises(UnknownRuleError, match="no rule with id 'eu-gdrp'.*eu-gdpr"):
        index.get("eu-gdrp")


def test_groups_expand_to_their_member_countries(index: RuleIndex) -> None:
    countries = index.countries_of(index.get("eu-gdpr"))
    assert {"DE", "FR", "IE", "IS", "LI", "NO"} <= countries
    assert "GB" not in countries and "CH" not in countries
    assert len(countries) == 30
    assert index.groups_of("NO") == ("EEA",)
