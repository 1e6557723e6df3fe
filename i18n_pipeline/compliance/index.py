"""Which laws apply where: a lookup from ISO 3166 codes to rules.

A rule names its jurisdictions as countries (``DE``), subdivisions
(``CA-QC``) or groups from ``jurisdictions.yaml`` (``EEA``). For a location
the index returns the rules of every group the country belongs to, then the
country's own rules, then the subdivision's, so the broadest law comes first
and the laws that add to it follow. Codes are checked against ISO 3166 with
pycountry, so a typo is an error rather than an empty answer.
"""

from __future__ import annotations

from collections.abc import Iterable

import pycountry

from i18n_pipeline.compliance.loader import RuleSet
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.errors import PipelineError


class JurisdictionError(PipelineError):
    """A country or subdivision code is not ISO 3166 (or not of that country)."""

    exit_code = 2


class UnknownRuleError(PipelineError):
    """No rule has the requested id."""

    exit_code = 2

    def __init__(self, rule_id: str, known: Iterable[str]) -> None:
        self.rule_id = rule_id
        super().__init__(f"no rule with id {rule_id!r} (known: {', '.join(sorted(known))})")


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 country code.

    >>> is_country("DE"), is_country("XX"), is_country("EU")
    (True, False, False)
    """
    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def is_subdivision(code: str) -> bool:
    """True for an ISO 3166-2 subdivision code.

    >>> is_subdivision("US-CA"), is_subdivision("CA-QC"), is_subdivision("US-XX")
    (True, True, False)
    """
    return "-" in code and pycountry.subdivisions.get(code=code) is not None


def parse_location(location: str) -> tuple[str, str | None]:
    """Split ``"CA-QC"`` into ``("CA", "CA-QC")`` and ``"de"`` into ``("DE", None)``.

    >>> parse_location("ca-qc")
    ('CA', 'CA-QC')
    >>> parse_location("DE")
    ('DE', None)
    """
    code = location.strip().upper()
    if "-" in code:
        return code.split("-", 1)[0], code
    return code, None


def normalize_location(country: str, subdivision: str | None = None) -> tuple[str, str | None]:
    """Validated, upper-case ``(country, subdivision)``; ``"QC"`` becomes ``"CA-QC"``.

    Raises :class:`JurisdictionError` naming the bad code.
    """
    country = country.strip().upper()
    if not is_country(country):
        raise JurisdictionError(f"{country!r} is not an ISO 3166-1 alpha-2 country code")
    if not subdivision:
        return country, None

    code = subdivision.strip().upper()
    code = code if "-" in code else f"{country}-{code}"
    if not is_subdivision(code):
        raise JurisdictionError(f"{code!r} is not an ISO 3166-2 subdivision code")
    if not code.startswith(f"{country}-"):
        raise JurisdictionError(f"subdivision {code!r} is not in country {country!r}")
    return country, code


class RuleIndex:
    """Look rules up by location or id over one :class:`RuleSet`."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self._groups = ruleset.groups()
        self._by_id = {rule.id: rule for rule in ruleset.rules}

    def get(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``; :class:`UnknownRuleError` lists the known ids."""
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise UnknownRuleError(rule_id, self._by_id) from None

    def groups_of(self, country: str) -> tuple[str, ...]:
        """The groups (``EU``, ``EEA``) ``country`` is a member of."""
        return tuple(name for name, members in self._groups.items() if country in members)

    def countries_of(self, rule: Rule) -> frozenset[str]:
        """Every country a rule covers in full, groups expanded (subdivisions excluded)."""
        codes: set[str] = set()
        for code in rule.jurisdictions:
            codes.update(self._groups.get(code, (code,) if "-" not in code else ()))
        return frozenset(codes)

    def for_location(self, country: str, subdivision: str | None = None) -> list[Rule]:
        """The rules that apply in ``country`` (and ``subdivision``), broadest first.

        Without a subdivision only rules of the whole country apply; with one,
        that subdivision's rules follow. Unknown codes raise
        :class:`JurisdictionError`.
        """
        country, subdivision = normalize_location(country, subdivision)
        groups = set(self.groups_of(country))
        tiers: list[list[Rule]] = [[], [], []]
        for rule in self.ruleset.rules:
            codes = set(rule.jurisdictions)
            if codes & groups:
                tiers[0].append(rule)
            elif country in codes:
                tiers[1].append(rule)
            elif subdivision and subdivision in codes:
                tiers[2].append(rule)
        return [rule for tier in tiers for rule in sorted(tier, key=lambda r: r.id)]

    def covers(self, rule: Rule, country: str, subdivision: str | None = None) -> bool:
        """True when ``rule`` applies at that location."""
        return rule in self.for_location(country, subdivision)
