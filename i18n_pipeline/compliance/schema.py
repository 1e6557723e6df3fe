"""The shape of a compliance rule file: one law, its obligations and their sources.

A rule file (``compliance_rules/<law>.yaml``) describes one law. Every figure
a product decision depends on (a deadline in days, hours or months, an age)
sits in an object that must carry a :class:`Source` and a :class:`Certainty`,
so a figure without a source cannot be written down at all. An unknown figure
is written as ``value: null`` with ``certainty: uncertain`` and a ``note``;
it is never guessed.

Jurisdictions are ISO 3166-1 alpha-2 countries (``DE``), ISO 3166-2
subdivisions (``US-CA``) or the name of a group defined in
``compliance_rules/jurisdictions.yaml`` (``EEA``). The codes themselves are
checked against ISO 3166 by :mod:`i18n_pipeline.compliance.checks`, because
the group names live in data, not here.

The models forbid unknown fields, so a misspelt key is an error with its line,
not a silently ignored value. Changes to this module must stay additive: other
rule files and the notice templates are written against it.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

import langcodes
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

RULE_ID_PATTERN = r"^[a-z]{2}(-[a-z0-9]+)+$"
JURISDICTION_PATTERN = r"^[A-Z]{2,3}(-[A-Z0-9]{1,3})?$"
URL_PATTERN = r"^https?://[^\s]+$"

JurisdictionCode = Annotated[str, Field(pattern=JURISDICTION_PATTERN)]
RuleId = Annotated[str, Field(pattern=RULE_ID_PATTERN)]

#: ``required`` values: yes, no, or only under conditions the entry states.
Requirement = bool | Literal["conditional"]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, use_enum_values=False
    )


class Certainty(StrEnum):
    """How sure the rule file is of an entry; ``uncertain`` needs a ``note``."""

    CONFIRMED = "confirmed"
    UNCERTAIN = "uncertain"


class Source(_Strict):
    """Where the law says it: an official URL and the article or section."""

    url: str = Field(
        pattern=URL_PATTERN, description="Official text (legislation site, regulator)."
    )
    section: str = Field(min_length=1, description='Article or section, e.g. "Art. 12(3)".')
    title: str | None = Field(default=None, description="Title of the cited page, if not the law.")


class Sourced(_Strict):
    """Base of every entry that states a fact of law: it carries its source."""

    source: Source
    certainty: Certainty = Certainty.CONFIRMED
    note: str | None = Field(
        default=None, description="Why the entry is uncertain, or a caveat on it."
    )

    @model_validator(mode="after")
    def _uncertain_has_note(self) -> Sourced:
        if self.certainty is Certainty.UNCERTAIN and not self.note:
            raise ValueError("an uncertain entry needs a note saying what is unsure")
        return self


class TimeUnit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    MONTHS = "months"


class DayKind(StrEnum):
    CALENDAR = "calendar"
    BUSINESS = "business"


class CountedFrom(StrEnum):
    """The event a deadline runs from."""

    RECEIPT = "receipt"  # the request arrived
    VERIFICATION = "verification"  # the requester's identity was verified
    AWARENESS = "awareness"  # the organisation became aware (breaches)
    DISCOVERY = "discovery"  # the breach was discovered or notified to the organisation
    DETERMINATION = "determination"  # the organisation determined that a breach occurred
    NOTICE_TO_INDIVIDUALS = "notice_to_individuals"  # the people affected were notified


class Deadline(Sourced):
    """A time limit: a fixed figure (``value`` + ``unit``), the law's words, or both.

    Month-based limits stay in months (GDPR's "one month" is not 30 days).
    With neither a figure nor a text the deadline is unknown, which must be
    said with ``certainty: uncertain`` and a ``note``.
    """

    value: int | None = Field(default=None, ge=0)
    unit: TimeUnit | None = None
    kind: DayKind = Field(
        default=DayKind.CALENDAR, description="Calendar or business days (days only)."
    )
    counted_from: CountedFrom | None = Field(default=None, alias="from")
    text: str | None = Field(
        default=None, description='The law\'s words, e.g. "without undue delay".'
    )

    @model_validator(mode="after")
    def _figure_is_complete(self) -> Deadline:
        if self.value is not None and self.unit is None:
            raise ValueError("a deadline value needs a unit (hours, days or months)")
        if self.value is None and self.unit is not None:
            raise ValueError("a deadline unit needs a value (use null value + text if none)")
        if self.kind is DayKind.BUSINESS and self.unit not in (TimeUnit.DAYS, None):
            raise ValueError("business-day counting applies to a deadline in days only")
        if self.value is None and not self.text and self.certainty is not Certainty.UNCERTAIN:
            raise ValueError(
                "a deadline with neither value nor text is unknown: set certainty: uncertain"
            )
        return self

    def describe(self) -> str:
        """A short human form, such as ``"45 calendar days from receipt"``.

        >>> src = Source(url="https://example.org", section="s. 1")
        >>> Deadline(value=1, unit="months", counted_from="receipt", source=src).describe()
        '1 month from receipt'
        >>> Deadline(value=72, unit="hours", source=src).describe()
        '72 hours'
        >>> Deadline(text="as soon as feasible", source=src).describe()
        'as soon as feasible'
        """
        if self.value is None:
            return self.text or "unknown"
        kind = f" {self.kind.value}" if self.unit is TimeUnit.DAYS else ""
        unit = self.unit.value if self.unit else ""
        unit = unit[:-1] if self.value == 1 else unit
        start = f" from {self.counted_from.value}" if self.counted_from else ""
        return f"{self.value}{kind} {unit}{start}"


class Extension(Deadline):
    """A further period the organisation may take, and when it may."""

    conditions: str | None = Field(default=None, description="When the extension is allowed.")


class Age(Sourced):
    """An age threshold in years; ``null`` with a note when the law sets none or it is unknown."""

    value: int | None = Field(default=None, ge=0, le=25)
    text: str | None = None

    @model_validator(mode="after")
    def _known_or_explained(self) -> Age:
        if self.value is None and not self.text and self.certainty is not Certainty.UNCERTAIN:
            raise ValueError("an age with neither value nor text is unknown: set uncertain")
        return self


class RightKind(StrEnum):
    ACCESS = "access"
    CORRECTION = "correction"
    DELETION = "deletion"
    PORTABILITY = "portability"
    OBJECTION = "objection"
    RESTRICTION = "restriction"
    OPT_OUT_SALE = "opt_out_sale"
    OPT_OUT_SHARING = "opt_out_sharing"
    LIMIT_SENSITIVE = "limit_sensitive"
    AUTOMATED_DECISION = "automated_decision"
    WITHDRAW_CONSENT = "withdraw_consent"


class Right(Sourced):
    """A data-subject right: whether the law grants it and how fast it must be honoured."""

    right: RightKind
    applies: bool
    deadline: Deadline | None = None
    extension: Extension | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _deadline_only_when_applies(self) -> Right:
        if not self.applies and (self.deadline or self.extension):
            raise ValueError("a right that does not apply has no deadline or extension")
        if self.extension and not self.deadline:
            raise ValueError("an extension needs the deadline it extends")
        return self


class ConsentModel(StrEnum):
    OPT_IN = "opt_in"
    OPT_OUT = "opt_out"
    NOTICE_ONLY = "notice_only"
    MIXED = "mixed"


class Consent(Sourced):
    """The default consent model and the rule for sensitive data."""

    model: ConsentModel
    explicit_for_sensitive: bool
    sensitive_categories: list[str] = Field(default_factory=list)
    notes: str | None = None


class BreachDuty(Sourced):
    """One notification duty after a breach: to the regulator or to the people affected."""

    required: Requirement
    deadline: Deadline | None = None
    threshold: str | None = Field(default=None, description="When the duty is triggered.")


class BreachNotification(Sourced):
    """Breach notification duties of the law."""

    regulator: BreachDuty | None = None
    individuals: BreachDuty | None = None
    notes: str | None = None


class Children(Sourced):
    """The age below which a parent or guardian must consent, and related rules."""

    age_of_consent: Age
    notes: str | None = None


class DataLocalization(Sourced):
    """Whether (some) data must be stored in the jurisdiction itself."""

    required: Requirement
    scope: str | None = Field(default=None, description="Who and what the duty covers.")
    categories: list[str] = Field(default_factory=list, description="Data categories covered.")
    conditions: str | None = Field(default=None, description="When a conditional duty applies.")

    @model_validator(mode="after")
    def _conditional_says_when(self) -> DataLocalization:
        if self.required == "conditional" and not (self.conditions or self.scope):
            raise ValueError("a conditional localization duty needs conditions or scope")
        return self


class TransferMechanism(StrEnum):
    ADEQUACY = "adequacy"
    SCCS = "sccs"
    BCRS = "bcrs"
    CONSENT = "consent"
    CERTIFICATION = "certification"
    CODE_OF_CONDUCT = "code_of_conduct"
    DEROGATIONS = "derogations"
    SECURITY_ASSESSMENT = "security_assessment"
    STANDARD_CONTRACT = "standard_contract"
    CONTRACT = "contract"
    ACCOUNTABILITY = "accountability"
    IMPACT_ASSESSMENT = "impact_assessment"


class AdequateDestination(_Strict):
    """A destination the law treats as adequate; ``limited_to`` narrows it."""

    jurisdiction: JurisdictionCode
    limited_to: str | None = Field(
        default=None, description="e.g. organisations certified under a framework."
    )


class Adequacy(Sourced):
    """The destinations recognised as adequate, as of a date, with the decisions' source."""

    destinations: list[AdequateDestination] = Field(min_length=1)
    as_of: date


class RestrictedDestination(_Strict):
    """A destination the law singles out: transfers there are barred or need more."""

    jurisdiction: JurisdictionCode
    prohibited: bool = Field(
        description="True: storage there is not allowed; false: allowed only under conditions."
    )
    scope: str = Field(
        min_length=1, description="Which data or transactions the restriction covers."
    )


class CrossBorderTransfer(Sourced):
    """What it takes to send personal data out of the jurisdiction."""

    restricted: bool = Field(
        description="True when a transfer abroad needs a legal mechanism or assessment."
    )
    mechanisms: list[TransferMechanism] = Field(default_factory=list)
    restrictions: str | None = None
    adequacy: Adequacy | None = None
    restricted_destinations: list[RestrictedDestination] = Field(
        default_factory=list,
        description="Destinations with their own restriction, even where transfers are free.",
    )


class Appointment(Sourced):
    """Whether a role (DPO, local representative) must be appointed."""

    required: Requirement
    conditions: str | None = None


class Regulator(_Strict):
    """The authority that enforces the law and takes complaints."""

    name: str
    url: str = Field(pattern=URL_PATTERN)
    complaint_url: str | None = Field(default=None, pattern=URL_PATTERN)
    notes: str | None = None


class NoticeLanguage(Sourced):
    """A language a privacy notice must be offered in (BCP 47 tag)."""

    tag: str
    notes: str | None = None

    @field_validator("tag")
    @classmethod
    def _valid_tag(cls, tag: str) -> str:
        if not langcodes.tag_is_valid(tag):
            raise ValueError(f"{tag!r} is not a valid BCP 47 language tag")
        return tag


class LawName(_Strict):
    official: str = Field(min_length=1)
    short: str = Field(min_length=1)
    original: str | None = Field(default=None, description="Official name in its own language.")


class EffectiveDate(Sourced):
    """A date on which (part of) the law took or takes effect."""

    date: date
    what: str = Field(min_length=1)


class Status(StrEnum):
    IN_FORCE = "in_force"
    PARTIALLY_IN_FORCE = "partially_in_force"
    ENACTED_NOT_IN_FORCE = "enacted_not_in_force"


class Note(Sourced):
    """A sourced remark: applicability thresholds, sector rules, pending changes."""

    topic: str = Field(min_length=1)
    text: str = Field(min_length=1)


class LocalizedNames(_Strict):
    """A law's names as written in one language, for notices in that language.

    Each field is optional: what is not given falls back to the rule's own
    ``name.short``, ``citation`` and ``regulator.name``.
    """

    short_name: str | None = Field(default=None, min_length=1, description="e.g. RGPD.")
    citation: str | None = Field(
        default=None, min_length=1, description='e.g. "Règlement (UE) 2016/679".'
    )
    regulator: str | None = Field(
        default=None, min_length=1, description="The regulator's name in that language."
    )


class Rule(_Strict):
    """One law and what it requires of the platform."""

    id: RuleId = Field(description="Slug, e.g. eu-gdpr, us-ca-ccpa.")
    name: LawName
    citation: str = Field(min_length=1, description='e.g. "Regulation (EU) 2016/679".')
    url: str = Field(pattern=URL_PATTERN, description="Official text of the law.")
    jurisdictions: list[JurisdictionCode] = Field(
        min_length=1,
        description=(
            "ISO 3166-1 alpha-2, ISO 3166-2, or a group from compliance_rules/jurisdictions.yaml."
        ),
    )
    supplements: list[RuleId] = Field(
        default_factory=list,
        description="Rule ids this law applies alongside and adds to (de-bdsg -> eu-gdpr).",
    )
    status: Status
    effective: list[EffectiveDate] = Field(min_length=1)
    last_reviewed: date
    reviewed_by: str = Field(min_length=1)
    applicability: Note | None = None
    rights: list[Right] = Field(default_factory=list)
    consent: Consent | None = None
    breach_notification: BreachNotification | None = None
    children: Children | None = None
    data_localization: DataLocalization | None = None
    cross_border_transfer: CrossBorderTransfer | None = None
    dpo: Appointment | None = None
    representative: Appointment | None = None
    regulator: Regulator
    notice_languages: list[NoticeLanguage] = Field(default_factory=list)
    names: dict[str, LocalizedNames] = Field(
        default_factory=dict,
        description=(
            "Per-locale display names for notices, keyed by BCP 47 tag (fr, zh-Hans); "
            "a notice uses its locale's entry, else its language's, else the English fields."
        ),
    )
    notes: list[Note] = Field(default_factory=list)

    @field_validator("jurisdictions")
    @classmethod
    def _codes_unique(cls, codes: list[str]) -> list[str]:
        if len(set(codes)) != len(codes):
            raise ValueError("a jurisdiction is listed twice")
        return codes

    @field_validator("rights")
    @classmethod
    def _rights_unique(cls, rights: list[Right]) -> list[Right]:
        seen: set[RightKind] = set()
        for entry in rights:
            if entry.right in seen:
                raise ValueError(f"right {entry.right.value!r} is listed twice")
            seen.add(entry.right)
        return rights

    @field_validator("names")
    @classmethod
    def _name_tags(cls, names: dict[str, LocalizedNames]) -> dict[str, LocalizedNames]:
        for tag in names:
            if not langcodes.tag_is_valid(tag):
                raise ValueError(f"names: {tag!r} is not a valid BCP 47 language tag")
        return names

    def localized(self, locale: str) -> Rule:
        """This rule with its names in ``locale`` (tag or catalog id), where the file gives them.

        ``fr-CA`` uses ``fr-CA``, else ``fr``; a field left out keeps the rule's own.
        """
        tag = locale.replace("_", "-")
        entry = self.names.get(tag) or self.names.get(tag.split("-")[0])
        if entry is None:
            return self
        regulator = self.regulator.model_copy(
            update={"name": entry.regulator or self.regulator.name}
        )
        return self.model_copy(
            update={
                "name": self.name.model_copy(update={"short": entry.short_name or self.name.short}),
                "citation": entry.citation or self.citation,
                "regulator": regulator,
            }
        )

    def right(self, kind: RightKind | str) -> Right | None:
        """The entry for right ``kind``, or None when the file does not list it."""
        wanted = RightKind(kind)
        return next((entry for entry in self.rights if entry.right is wanted), None)


class JurisdictionGroup(_Strict):
    """A named set of countries a rule can name as one jurisdiction (EU, EEA)."""

    name: str
    members: list[str] = Field(min_length=1)
    source: Source

    @field_validator("members")
    @classmethod
    def _countries(cls, members: list[str]) -> list[str]:
        for code in members:
            if len(code) != 2 or not code.isupper():
                raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
        return members


class Jurisdictions(_Strict):
    """``compliance_rules/jurisdictions.yaml``: the groups rule files may name."""

    groups: dict[str, JurisdictionGroup]
    last_reviewed: date


def rule_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, for editors (``yaml-language-server``) and CI."""
    schema = Rule.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Compliance rule file (one law)"
    return schema


def rule_json_schema_text() -> str:
    """The JSON Schema as the exact text committed in ``compliance_rules/schema.json``."""
    return json.dumps(rule_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
