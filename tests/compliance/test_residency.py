"""Where a country's data may be stored, among configured cloud regions."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from i18n_pipeline.compliance.index import JurisdictionError, RuleIndex
from i18n_pipeline.compliance.loader import load_rules_strict
from i18n_pipeline.compliance.residency import Layer, Verdict, residency
from i18n_pipeline.config import CloudRegion, Region, Regions, Settings, load_regions
from tests.conftest import DATA, REPO


@pytest.fixture(scope="module")
def index() -> RuleIndex:
    return RuleIndex(load_rules_strict(REPO / "compliance_rules"))


@pytest.fixture(scope="module")
def regions() -> Regions:
    return load_regions(REPO / "locales" / "regions.yaml")


@pytest.fixture(scope="module")
def test_index() -> RuleIndex:
    return RuleIndex(load_rules_strict(DATA / "rules" / "good"))


def _regions(**clouds: CloudRegion) -> Regions:
    """A regions config with the given cloud regions, all in one business region."""
    names = tuple(clouds)
    region = Region(name="Test", primary=names[0], secondary=names[1:], countries=("US",))
    return Regions(regions={"test": region}, cloud_regions=clouds)


# The real regions file against the committed rules: the law's verdict, before business policy.
@pytest.mark.parametrize(
    ("country", "subdivision", "cloud_region", "verdict"),
    [
        ("DE", None, "eu-west-1", Verdict.ALLOWED),  # inside the EEA
        ("DE", None, "eu-central-1", Verdict.ALLOWED),
        ("DE", None, "uk-south-1", Verdict.ALLOWED),  # adequacy
        ("DE", None, "us-east-1", Verdict.CONDITIONAL),  # adequacy limited to DPF
        ("DE", None, "sa-east-1", Verdict.CONDITIONAL),  # SCCs and the like
        ("NO", None, "eu-west-1", Verdict.ALLOWED),
        ("GB", None, "eu-central-1", Verdict.ALLOWED),  # UK data bridge to the EEA
        ("GB", None, "ap-southeast-1", Verdict.CONDITIONAL),
        ("CH", None, "eu-west-1", Verdict.ALLOWED),  # Annex 1 DPO
        ("CH", None, "uk-south-1", Verdict.ALLOWED),
        ("CH", None, "ap-south-1", Verdict.CONDITIONAL),
        ("US", None, "eu-west-1", Verdict.ALLOWED),  # no federal transfer restriction
        ("US", "US-CA", "ap-southeast-2", Verdict.ALLOWED),
        ("CA", None, "us-east-1", Verdict.ALLOWED),  # PIPEDA: accountability, not a bar
        ("CA", "CA-QC", "ca-central-1", Verdict.ALLOWED),  # Montréal is inside Quebec
        ("CA", "CA-QC", "us-east-1", Verdict.CONDITIONAL),  # s. 17 impact assessment
    ],
)
def test_real_regions_against_real_rules(
    index: RuleIndex,
    regions: Regions,
    country: str,
    subdivision: str | None,
    cloud_region: str,
    verdict: Verdict,
) -> None:
    answer = residency(country, regions, index, subdivision)
    entry = answer.region(cloud_region)
    assert entry.law_verdict is verdict, entry.reasons
    assert all(reason.rule_id in answer.rule_ids for reason in entry.reasons)


def test_eu_answer_lists_the_allowed_regions_and_names_the_rule(
    index: RuleIndex, regions: Regions
) -> None:
    answer = residency("FR", regions, index)

    assert {"eu-west-1", "eu-central-1", "uk-south-1"} <= set(answer.law_allowed_regions)
    assert answer.region("us-east-1").law_verdict is Verdict.CONDITIONAL
    assert "eu-gdpr" in answer.summary
    reason = answer.region("us-east-1").reasons[0]
    assert "Data Privacy Framework" in reason.text
    assert reason.source is not None and "commission.europa.eu" in reason.source.url


def test_an_uncertain_adequacy_entry_is_flagged(index: RuleIndex, regions: Regions) -> None:
    answer = residency("DE", regions, index)
    assert answer.region("uk-south-1").uncertain
    assert not answer.region("eu-west-1").uncertain


def test_localization_leaves_no_region_and_says_why(test_index: RuleIndex) -> None:
    clouds = _regions(
        virginia=CloudRegion(country="US", subdivision="US-VA"),
        frankfurt=CloudRegion(country="DE", subdivision="DE-HE"),
    )

    answer = residency("US", clouds, test_index, "US-NY")

    assert [e.verdict for e in answer.regions] == [Verdict.NOT_ALLOWED, Verdict.NOT_ALLOWED]
    assert answer.allowed_regions == ()
    assert answer.summary.startswith("no configured region is allowed for US-NY data")
    assert "requires storage inside US-NY" in answer.summary
    assert "us-ny-test-local" in answer.summary


def test_localization_allows_a_region_inside_the_jurisdiction(test_index: RuleIndex) -> None:
    clouds = _regions(
        newyork=CloudRegion(country="US", subdivision="US-NY"),
        virginia=CloudRegion(country="US", subdivision="US-VA"),
    )
    answer = residency("US", clouds, test_index, "US-NY")
    assert answer.allowed_regions == ("newyork",)
    assert answer.region("virginia").verdict is Verdict.NOT_ALLOWED


def test_conditional_localization_is_reported_apart(test_index: RuleIndex) -> None:
    clouds = _regions(
        dublin=CloudRegion(country="IE"),
        london=CloudRegion(country="GB"),
    )

    answer = residency("SE", clouds, test_index)

    # Ordinary data: the group law's adequacy for GB; the national law wants SCCs.
    assert answer.region("london").verdict is Verdict.CONDITIONAL
    [localized] = answer.localized
    assert localized.rule_id == "se-test-supplement"
    assert localized.regions == ()
    assert localized.text.startswith("no configured region is allowed for the covered data")
    assert "payroll" in localized.scope
    assert "se-test-supplement" in answer.summary


def test_conditional_localization_names_the_regions_inside(test_index: RuleIndex) -> None:
    clouds = _regions(stockholm=CloudRegion(country="SE"), dublin=CloudRegion(country="IE"))
    [localized] = residency("SE", clouds, test_index).localized
    assert localized.regions == ("stockholm",)


def test_a_restricted_destination_is_conditional(index: RuleIndex) -> None:
    clouds = _regions(
        virginia=CloudRegion(country="US", subdivision="US-VA"),
        hongkong=CloudRegion(country="HK"),
    )
    answer = residency("US", clouds, index)
    entry = answer.region("hongkong")
    assert entry.verdict is Verdict.CONDITIONAL
    assert "HK is a restricted destination" in entry.reasons[0].text


def test_a_place_without_rules_is_unknown_not_allowed(test_index: RuleIndex) -> None:
    clouds = _regions(tokyo=CloudRegion(country="JP"))
    answer = residency("JP", clouds, test_index)
    assert answer.rule_ids == ()
    assert answer.region("tokyo").verdict is Verdict.UNKNOWN
    assert answer.summary == "no rule file covers JP: residency cannot be answered"


def test_a_bad_country_code_is_an_error(index: RuleIndex, regions: Regions) -> None:
    with pytest.raises(JurisdictionError):
        residency("XX", regions, index)


def test_the_answer_serializes_for_the_api(settings: Settings) -> None:
    index = RuleIndex(load_rules_strict(settings.rules_path))
    data = residency("DE", settings.regions, index).model_dump(mode="json")
    assert data["country"] == "DE"
    assert {r["cloud_region"] for r in data["regions"]} == set(settings.regions.cloud_regions)
    assert data["regions"][0]["reasons"][0]["verdict"] in {v.value for v in Verdict}


def _mutated_index(tmp_path: Path, name: str, old: str, new: str) -> RuleIndex:
    """The good test rules with one text change in one file."""
    target = tmp_path / "rules"
    shutil.copytree(DATA / "rules" / "good", target)
    text = (target / name).read_text(encoding="utf-8")
    assert old in text
    (target / name).write_text(text.replace(old, new), encoding="utf-8")
    return RuleIndex(load_rules_strict(target))


SE_TRANSFER = """cross_border_transfer:
  restricted: true
  mechanisms: [sccs]
  source: {url: "https://example.org/stsa", section: "s. 8"}
"""


def test_a_supplement_without_transfer_rules_defers_to_the_law_it_supplements(
    tmp_path: Path,
) -> None:
    index = _mutated_index(tmp_path, "sweden.yaml", SE_TRANSFER, "")
    clouds = _regions(london=CloudRegion(country="GB"), dublin=CloudRegion(country="IE"))

    answer = residency("SE", clouds, index)

    assert answer.region("london").verdict is Verdict.ALLOWED  # the group law's adequacy
    assert answer.region("dublin").verdict is Verdict.CONDITIONAL  # the group law's SCCs
    reason = answer.region("london").reasons[1]
    assert (reason.rule_id, reason.text) == (
        "se-test-supplement",
        "no transfer rules of its own; nd-test-law governs",
    )


def test_a_rule_without_transfer_rules_makes_the_answer_unknown(tmp_path: Path) -> None:
    index = _mutated_index(tmp_path, "sweden.yaml", SE_TRANSFER, "")
    ruleset = index.ruleset
    standalone = [r.model_copy(update={"supplements": []}) for r in ruleset.rules]
    index = RuleIndex(replace(ruleset, rules=tuple(standalone)))
    clouds = _regions(london=CloudRegion(country="GB"))

    entry = residency("SE", clouds, index).region("london")

    assert entry.verdict is Verdict.UNKNOWN
    assert "records no cross-border transfer rules" in entry.reasons[1].text


def test_restricted_transfers_without_any_mechanism_are_not_allowed(tmp_path: Path) -> None:
    index = _mutated_index(
        tmp_path, "us_ny.yaml", "required: true\n  scope: all", "required: false\n  scope: all"
    )
    clouds = _regions(virginia=CloudRegion(country="US", subdivision="US-VA"))
    entry = residency("US", clouds, index, "US-NY").region("virginia")
    assert entry.verdict is Verdict.NOT_ALLOWED
    assert "records no mechanism" in entry.reasons[0].text


# The business residency policy (locales/regions.yaml, from shared/context.md) as its own layer.
@pytest.mark.parametrize(
    ("country", "cloud_region", "law", "final", "decided_by"),
    [
        ("DE", "eu-west-1", Verdict.ALLOWED, Verdict.ALLOWED, Layer.LAW),
        ("DE", "eu-central-1", Verdict.ALLOWED, Verdict.ALLOWED, Layer.LAW),
        ("DE", "uk-south-1", Verdict.ALLOWED, Verdict.NOT_ALLOWED, Layer.BUSINESS_POLICY),
        ("DE", "us-east-1", Verdict.CONDITIONAL, Verdict.NOT_ALLOWED, Layer.BUSINESS_POLICY),
        ("NO", "eu-west-1", Verdict.ALLOWED, Verdict.ALLOWED, Layer.LAW),  # EEA, stored in EU
        ("GB", "uk-south-1", Verdict.ALLOWED, Verdict.ALLOWED, Layer.LAW),  # not EEA: no policy
        ("CH", "uk-south-1", Verdict.ALLOWED, Verdict.ALLOWED, Layer.LAW),
    ],
)
def test_business_policy_is_a_separate_labelled_layer(
    index: RuleIndex,
    regions: Regions,
    country: str,
    cloud_region: str,
    law: Verdict,
    final: Verdict,
    decided_by: Layer,
) -> None:
    entry = residency(country, regions, index).region(cloud_region)

    assert (entry.law_verdict, entry.verdict, entry.decided_by) == (law, final, decided_by)


def test_de_in_uk_south_is_allowed_by_law_but_not_by_business_policy(
    index: RuleIndex, regions: Regions
) -> None:
    answer = residency("DE", regions, index)
    entry = answer.region("uk-south-1")

    assert answer.policies == ("EEA",)
    assert answer.allowed_regions == ("eu-west-1", "eu-central-1")
    assert "uk-south-1" in answer.law_allowed_regions
    assert any("adequate destination" in r.text for r in entry.reasons)  # the law's reason
    assert entry.policy is not None and entry.policy.verdict is Verdict.NOT_ALLOWED
    assert entry.policy.source.startswith("shared/context.md")
    assert "GB is outside EU" in entry.policy.text
    assert "business policy EEA rules out" in answer.summary
    assert "uk-south-1 (law: allowed)" in answer.summary


def test_a_policy_never_widens_the_law(test_index: RuleIndex) -> None:
    from i18n_pipeline.config import ResidencyPolicy

    clouds = _regions(
        virginia=CloudRegion(country="US", subdivision="US-VA"),
        frankfurt=CloudRegion(country="DE", subdivision="DE-HE"),
    )
    policy = ResidencyPolicy(allowed=("US", "DE"), reason="anywhere we run", source="test")
    regions = clouds.model_copy(update={"residency_policy": {"SE": policy}})

    without = residency("SE", clouds, test_index)
    answer = residency("SE", regions, test_index)

    assert answer.policies == ("SE",) and without.policies == ()
    for name in ("virginia", "frankfurt"):
        assert answer.region(name).verdict is without.region(name).verdict
        assert answer.region(name).decided_by is Layer.LAW


def test_a_policy_naming_an_unknown_group_is_a_config_error(
    index: RuleIndex, regions: Regions
) -> None:
    from i18n_pipeline.config import ResidencyPolicy
    from i18n_pipeline.errors import ConfigError

    policy = ResidencyPolicy(allowed=("EUROPE",), reason="typo", source="test")
    broken = regions.model_copy(update={"residency_policy": {"EEA": policy}})

    with pytest.raises(ConfigError, match=r"regions\.yaml: residency_policy 'EEA'.*'EUROPE'"):
        residency("DE", broken, index)


def test_a_law_deferring_to_the_gdpr_says_no_mechanism_beyond_the_gdprs(
    index: RuleIndex, regions: Regions
) -> None:
    entry = residency("DE", regions, index).region("ap-southeast-1")

    bdsg = next(r for r in entry.reasons if r.rule_id == "de-bdsg")
    assert bdsg.text == "no transfer mechanism beyond the GDPR's (eu-gdpr governs transfers)"
