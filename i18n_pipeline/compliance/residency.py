"""Where a country's personal data may be stored, among the configured cloud regions.

For each cloud region of ``locales/regions.yaml`` (its data centre's country
and subdivision) every rule that applies to the data subject's location gives
a verdict, from the rule's ``data_localization`` and ``cross_border_transfer``
data:

- inside the rule's own jurisdiction: allowed;
- localization required: outside it, not allowed;
- transfers unrestricted: allowed;
- an adequate destination: allowed (conditional when the adequacy is limited,
  e.g. to certified organisations);
- otherwise, when the law offers transfer mechanisms (SCCs, assessments):
  conditional; with none: not allowed;
- a rule without transfer data: unknown, never silently allowed.

The region's verdict is the strictest of its rules'. A conditional
localization duty (China's PIPL for CIIOs and volume thresholds) does not stop
ordinary data but is reported apart: the covered data may stay only in the
country, and the answer names the configured regions there, or says plainly
that there are none.

A business residency policy (``residency_policy`` in ``locales/regions.yaml``)
is a second, labelled layer on top of the law: each region keeps the law's
verdict (``law_verdict``) and gets the policy's (``policy``); the final
``verdict`` is the stricter, and ``decided_by`` says which layer decided. A
policy narrows the law's answer, never widens it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from i18n_pipeline.compliance.index import RuleIndex, is_country, normalize_location
from i18n_pipeline.compliance.schema import (
    Certainty,
    CrossBorderTransfer,
    Rule,
    Source,
    TransferMechanism,
)
from i18n_pipeline.config import CloudRegion, Regions, ResidencyPolicy
from i18n_pipeline.errors import ConfigError


class Verdict(StrEnum):
    """May the data be stored in a region? Ordered from least to most restrictive."""

    ALLOWED = "allowed"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"
    NOT_ALLOWED = "not_allowed"

    @property
    def severity(self) -> int:
        return list(Verdict).index(self)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Reason(_Frozen):
    """One rule's verdict on one region, and why."""

    rule_id: str
    verdict: Verdict
    text: str
    source: Source | None = None
    certainty: Certainty = Certainty.CONFIRMED


class Layer(StrEnum):
    """Which layer of the answer decided a region's final verdict."""

    LAW = "law"
    BUSINESS_POLICY = "business_policy"


class PolicyReason(_Frozen):
    """A business residency policy's verdict on one region: not law, the company's rule."""

    policy: str
    verdict: Verdict
    text: str
    source: str


class RegionResidency(_Frozen):
    """The verdict for one cloud region: the law's (every rule's reason), the policy's, final.

    ``verdict`` is final: the stricter of ``law_verdict`` and the policy's.
    """

    cloud_region: str
    country: str
    subdivision: str | None
    verdict: Verdict
    reasons: tuple[Reason, ...]
    law_verdict: Verdict
    policy: PolicyReason | None = None
    decided_by: Layer = Layer.LAW

    @property
    def uncertain(self) -> bool:
        """True when a reason rests on an entry its rule file marks uncertain."""
        return any(r.certainty is Certainty.UNCERTAIN for r in self.reasons)


class LocalizedData(_Frozen):
    """Data a conditional localization duty keeps in the country, and where it may go."""

    rule_id: str
    scope: str
    regions: tuple[str, ...]
    text: str
    source: Source


class ResidencyAnswer(_Frozen):
    """Where data of people in ``country`` (``subdivision``) may be stored."""

    country: str
    subdivision: str | None
    rule_ids: tuple[str, ...]
    regions: tuple[RegionResidency, ...]
    localized: tuple[LocalizedData, ...] = ()
    policies: tuple[str, ...] = ()
    summary: str

    @property
    def allowed_regions(self) -> tuple[str, ...]:
        """Regions allowed by the final verdict (law and business policy)."""
        return tuple(r.cloud_region for r in self.regions if r.verdict is Verdict.ALLOWED)

    @property
    def law_allowed_regions(self) -> tuple[str, ...]:
        """Regions the law alone allows, before any business policy."""
        return tuple(r.cloud_region for r in self.regions if r.law_verdict is Verdict.ALLOWED)

    @property
    def conditional_regions(self) -> tuple[str, ...]:
        return tuple(r.cloud_region for r in self.regions if r.verdict is Verdict.CONDITIONAL)

    def region(self, name: str) -> RegionResidency:
        """The entry for cloud region ``name``; ``KeyError`` when it is not configured."""
        for entry in self.regions:
            if entry.cloud_region == name:
                return entry
        raise KeyError(f"cloud region {name!r} is not configured")


def _adequacy_reason(
    rule: Rule, cbt: CrossBorderTransfer, places: set[str | None]
) -> Reason | None:
    """The verdict when the region lies in a destination the rule lists as adequate."""
    adequacy = cbt.adequacy
    if adequacy is None:
        return None
    dest = next((d for d in adequacy.destinations if d.jurisdiction in places), None)
    if dest is None:
        return None
    limited = f", limited to {dest.limited_to}" if dest.limited_to else ""
    verdict = Verdict.CONDITIONAL if dest.limited_to else Verdict.ALLOWED
    text = f"{dest.jurisdiction} is an adequate destination{limited}"
    return Reason(
        rule_id=rule.id,
        verdict=verdict,
        text=text,
        source=adequacy.source,
        certainty=adequacy.certainty,
    )


def _unrestricted_text(rule: Rule, index: RuleIndex, applicable: frozenset[str]) -> str:
    """Why an unrestricted regime allows a transfer, without reading like a blanket permission.

    A law that supplements another applicable one (the BDSG, the GDPR) adds no
    mechanism of its own; the supplemented law's transfer rules still apply.
    """
    deferred = [index.get(rule_id) for rule_id in rule.supplements if rule_id in applicable]
    if not deferred:
        return "transfers abroad need no specific mechanism"
    names = " and ".join(f"the {other.name.short}'s" for other in deferred)
    governs = ", ".join(other.id for other in deferred)
    return f"no transfer mechanism beyond {names} ({governs} governs transfers)"


def _transfer_reason(
    rule: Rule,
    cbt: CrossBorderTransfer,
    cloud: CloudRegion,
    index: RuleIndex,
    applicable: frozenset[str] = frozenset(),
) -> Reason:
    """The verdict of a rule's transfer regime on a region outside its jurisdiction."""
    places = {cloud.country, cloud.subdivision, *index.groups_of(cloud.country)}
    barred = next((d for d in cbt.restricted_destinations if d.jurisdiction in places), None)
    if barred is not None:
        verdict = Verdict.NOT_ALLOWED if barred.prohibited else Verdict.CONDITIONAL
        text = f"{barred.jurisdiction} is a restricted destination: {barred.scope}"
        return Reason(
            rule_id=rule.id, verdict=verdict, text=text, source=cbt.source, certainty=cbt.certainty
        )

    if not cbt.restricted:
        text = _unrestricted_text(rule, index, applicable)
        return Reason(rule_id=rule.id, verdict=Verdict.ALLOWED, text=text, source=cbt.source)

    adequate = _adequacy_reason(rule, cbt, places)
    if adequate is not None:
        return adequate

    if set(cbt.mechanisms) - {TransferMechanism.ADEQUACY}:
        names = ", ".join(m.value for m in cbt.mechanisms if m is not TransferMechanism.ADEQUACY)
        text = f"transfer to {cloud.country} needs one of: {names}"
        return Reason(
            rule_id=rule.id,
            verdict=Verdict.CONDITIONAL,
            text=text,
            source=cbt.source,
            certainty=cbt.certainty,
        )
    text = f"transfers abroad are restricted and the rule records no mechanism to {cloud.country}"
    return Reason(rule_id=rule.id, verdict=Verdict.NOT_ALLOWED, text=text, source=cbt.source)


def judge(
    rule: Rule, cloud: CloudRegion, index: RuleIndex, applicable: frozenset[str] = frozenset()
) -> Reason:
    """One rule's verdict on storing its data subjects' data in ``cloud``.

    ``applicable`` holds the ids of the other rules that apply at the same
    location: a supplementing law without transfer rules of its own defers to
    the law it supplements instead of making the answer unknown.
    """
    if index.covers(rule, cloud.country, cloud.subdivision):
        text = f"the region is inside the jurisdiction of {rule.id}"
        return Reason(rule_id=rule.id, verdict=Verdict.ALLOWED, text=text)

    localization = rule.data_localization
    if localization is not None and localization.required is True:
        scope = f" ({localization.scope})" if localization.scope else ""
        text = f"the law requires storage inside {', '.join(rule.jurisdictions)}{scope}"
        return Reason(
            rule_id=rule.id,
            verdict=Verdict.NOT_ALLOWED,
            text=text,
            source=localization.source,
            certainty=localization.certainty,
        )

    deferred = [rule_id for rule_id in rule.supplements if rule_id in applicable]
    if rule.cross_border_transfer is None and deferred:
        text = f"no transfer rules of its own; {', '.join(deferred)} governs"
        return Reason(rule_id=rule.id, verdict=Verdict.ALLOWED, text=text)
    if rule.cross_border_transfer is None:
        text = "the rule file records no cross-border transfer rules"
        return Reason(rule_id=rule.id, verdict=Verdict.UNKNOWN, text=text)
    return _transfer_reason(rule, rule.cross_border_transfer, cloud, index, applicable)


def _localized(rule: Rule, regions: Regions, index: RuleIndex) -> LocalizedData | None:
    """The conditional localization duty of ``rule``, with the regions it leaves."""
    localization = rule.data_localization
    if localization is None or localization.required != "conditional":
        return None
    inside = tuple(
        name
        for name, cloud in regions.cloud_regions.items()
        if index.covers(rule, cloud.country, cloud.subdivision)
    )
    scope = "; ".join(p for p in (localization.scope, localization.conditions) if p)
    if inside:
        text = f"covered data may be stored only in {', '.join(inside)}"
    else:
        places = ", ".join(rule.jurisdictions)
        text = f"no configured region is allowed for the covered data: it must stay in {places}"
    return LocalizedData(
        rule_id=rule.id, scope=scope, regions=inside, text=text, source=localization.source
    )


def applicable_policies(
    regions: Regions, index: RuleIndex, country: str
) -> dict[str, ResidencyPolicy]:
    """The business policies covering data subjects in ``country`` (itself or its groups)."""
    places = {country, *index.groups_of(country)}
    return {key: p for key, p in sorted(regions.residency_policy.items()) if key in places}


def _policy_countries(key: str, policy: ResidencyPolicy, index: RuleIndex) -> frozenset[str]:
    """The countries a policy allows, groups expanded; ConfigError for an unknown code."""
    groups = index.ruleset.groups()
    countries: set[str] = set()
    for code in policy.allowed:
        if code in groups:
            countries.update(groups[code])
        elif is_country(code):
            countries.add(code)
        else:
            known = ", ".join(sorted(groups)) or "none"
            message = (
                f"residency_policy {key!r}: allowed {code!r} is neither an ISO 3166-1 country "
                f"code nor a group of compliance_rules/jurisdictions.yaml (groups: {known})"
            )
            raise ConfigError("regions.yaml", message)
    return frozenset(countries)


def policy_reason(
    key: str, policy: ResidencyPolicy, cloud: CloudRegion, index: RuleIndex
) -> PolicyReason:
    """A business policy's verdict on one region: allowed inside its countries, else not."""
    allowed = cloud.country in _policy_countries(key, policy, index)
    where = "inside" if allowed else "outside"
    listed = ", ".join(policy.allowed)
    return PolicyReason(
        policy=key,
        verdict=Verdict.ALLOWED if allowed else Verdict.NOT_ALLOWED,
        text=f"{cloud.country} is {where} {listed}: {policy.reason}",
        source=policy.source,
    )


def _region_entry(
    name: str,
    cloud: CloudRegion,
    reasons: tuple[Reason, ...],
    policies: dict[str, ResidencyPolicy],
    index: RuleIndex,
) -> RegionResidency:
    """One region's answer: the law's verdict, the strictest policy's, and the final one."""
    law = max((r.verdict for r in reasons), key=lambda v: v.severity, default=Verdict.UNKNOWN)
    decisions = [policy_reason(key, policy, cloud, index) for key, policy in policies.items()]
    policy = max(decisions, key=lambda d: d.verdict.severity, default=None)
    stricter = policy is not None and policy.verdict.severity > law.severity
    return RegionResidency(
        cloud_region=name,
        country=cloud.country,
        subdivision=cloud.subdivision,
        verdict=policy.verdict if stricter and policy else law,
        reasons=reasons,
        law_verdict=law,
        policy=policy,
        decided_by=Layer.BUSINESS_POLICY if stricter else Layer.LAW,
    )


def _summary(
    location: str, rules: list[Rule], entries: list[RegionResidency], localized: list[LocalizedData]
) -> str:
    ids = ", ".join(rule.id for rule in rules)
    allowed = [e.cloud_region for e in entries if e.verdict is Verdict.ALLOWED]
    conditional = [e.cloud_region for e in entries if e.verdict is Verdict.CONDITIONAL]
    if not rules:
        return f"no rule file covers {location}: residency cannot be answered"
    if allowed:
        text = f"{location} data may be stored in {', '.join(allowed)} ({ids})"
    elif conditional:
        text = (
            f"no configured region is allowed for {location} data without conditions; "
            f"{', '.join(conditional)} need a transfer mechanism ({ids})"
        )
    else:
        worst = max((r for e in entries for r in e.reasons), key=lambda r: r.verdict.severity)
        text = f"no configured region is allowed for {location} data: {worst.text} ({ids})"
    overruled = [e for e in entries if e.decided_by is Layer.BUSINESS_POLICY]
    if overruled:
        names = ", ".join(f"{e.cloud_region} (law: {e.law_verdict.value})" for e in overruled)
        keys = ", ".join(sorted({e.policy.policy for e in overruled if e.policy}))
        text += f"; business policy {keys} rules out {names}"
    for item in localized:
        text += f"; {item.text} ({item.rule_id})"
    return text


def residency(
    country: str, regions: Regions, index: RuleIndex, subdivision: str | None = None
) -> ResidencyAnswer:
    """Which configured cloud regions may hold personal data of people in ``country``."""
    country, subdivision = normalize_location(country, subdivision)
    rules = index.for_location(country, subdivision)
    applicable = frozenset(rule.id for rule in rules)

    policies = applicable_policies(regions, index, country)

    entries = []
    for name, cloud in regions.cloud_regions.items():
        reasons = tuple(judge(rule, cloud, index, applicable) for rule in rules)
        entries.append(_region_entry(name, cloud, reasons, policies, index))

    localized = [item for rule in rules if (item := _localized(rule, regions, index))]
    location = subdivision or country
    return ResidencyAnswer(
        country=country,
        subdivision=subdivision,
        rule_ids=tuple(rule.id for rule in rules),
        regions=tuple(entries),
        localized=tuple(localized),
        policies=tuple(policies),
        summary=_summary(location, rules, entries, localized),
    )
