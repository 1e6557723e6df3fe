"""Checks over the rule files, beyond what the schema alone can say.

Each check is a small function whose docstring's first line is its title in
reports; :func:`check_rules` runs them all and returns findings with file,
line and field. Errors mean the dataset must not ship (``i18n rules check``
exits 1); warnings and infos are for the people who maintain the data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from i18n_pipeline.compliance.index import is_country, is_subdivision
from i18n_pipeline.compliance.loader import (
    JURISDICTIONS_FILE,
    RuleSet,
    key_line,
    load_jurisdictions,
    load_rules_strict,
    read_yaml,
    rule_files,
    validate_file_with_node,
)
from i18n_pipeline.compliance.schema import (
    Age,
    Certainty,
    Deadline,
    Jurisdictions,
    Rule,
    Sourced,
    Status,
)
from i18n_pipeline.errors import RuleError

log = logging.getLogger(__name__)

#: A review older than this is flagged: laws and regulator guidance move yearly.
REVIEW_MAX_AGE = timedelta(days=365)
#: Sections whose absence leaves an answer (notice, residency) incomplete.
KEY_SECTIONS = (
    "rights",
    "consent",
    "breach_notification",
    "children",
    "data_localization",
    "cross_border_transfer",
)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class RuleFinding:
    """One problem in the rule data, where it is and what to do."""

    code: str
    severity: Severity
    path: str
    line: int | None
    message: str
    field: str | None = None
    rule_id: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass(frozen=True)
class RuleFile:
    """A rule file that passed the schema, with its node tree for line numbers."""

    path: Path
    node: yaml.Node | None
    rule: Rule

    def finding(
        self, code: str, severity: Severity, message: str, loc: tuple[str | int, ...] = ()
    ) -> RuleFinding:
        field = ".".join(str(part) for part in loc) or None
        return RuleFinding(
            code, severity, str(self.path), key_line(self.node, loc), message, field, self.rule.id
        )


@dataclass(frozen=True)
class Context:
    """What the checks see: the valid files, the groups and the day of the check."""

    files: tuple[RuleFile, ...]
    groups: dict[str, tuple[str, ...]]
    today: date

    @property
    def ids(self) -> set[str]:
        return {f.rule.id for f in self.files}


def _from_error(error: RuleError) -> RuleFinding:
    """A schema error as a finding; a missing ``source`` gets its own code."""
    field = error.field or ""
    missing_source = (field == "source" or field.endswith(".source")) and (
        "required" in error.message.lower()
    )
    code = "unsourced-entry" if missing_source else "schema"
    message = error.message
    if missing_source:
        message = "every figure and fact needs source: {url, section} (field required)"
    return RuleFinding(code, Severity.ERROR, str(error.path), error.line, message, error.field)


def walk_sourced(
    model: BaseModel, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Sourced]]:
    """Every :class:`Sourced` entry inside ``model`` with its path (YAML keys)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if not isinstance(item, BaseModel):
                continue
            path = (*loc, name) if index is None else (*loc, name, index)
            if isinstance(item, Sourced):
                yield path, item
            yield from walk_sourced(item, path)


def check_jurisdiction_codes(ctx: Context) -> Iterator[RuleFinding]:
    """Jurisdiction codes must be ISO 3166-1, ISO 3166-2 or a group of jurisdictions.yaml."""
    for file in ctx.files:
        places: list[tuple[tuple[str | int, ...], str]] = [
            (("jurisdictions", i), code) for i, code in enumerate(file.rule.jurisdictions)
        ]
        transfer = file.rule.cross_border_transfer
        if transfer and transfer.adequacy:
            base = ("cross_border_transfer", "adequacy", "destinations")
            places += [
                ((*base, i, "jurisdiction"), dest.jurisdiction)
                for i, dest in enumerate(transfer.adequacy.destinations)
            ]
        if transfer:
            places += [
                (
                    ("cross_border_transfer", "restricted_destinations", i, "jurisdiction"),
                    dest.jurisdiction,
                )
                for i, dest in enumerate(transfer.restricted_destinations)
            ]
        for loc, code in places:
            if code in ctx.groups or is_country(code) or is_subdivision(code):
                continue
            known = ", ".join(sorted(ctx.groups)) or "none defined"
            message = (
                f"{code!r} is not an ISO 3166 country or subdivision code, nor a group "
                f"of {JURISDICTIONS_FILE} (groups: {known})"
            )
            yield file.finding("unknown-jurisdiction", Severity.ERROR, message, loc)


def check_duplicate_ids(ctx: Context) -> Iterator[RuleFinding]:
    """Two files must not share a rule id."""
    first: dict[str, Path] = {}
    for file in ctx.files:
        seen = first.setdefault(file.rule.id, file.path)
        if seen != file.path:
            message = f"rule id {file.rule.id!r} is already used by {seen.name}"
            yield file.finding("duplicate-id", Severity.ERROR, message, ("id",))


def check_supplements(ctx: Context) -> Iterator[RuleFinding]:
    """A ``supplements`` entry must name an existing rule other than itself."""
    for file in ctx.files:
        for i, target in enumerate(file.rule.supplements):
            if target == file.rule.id:
                message = f"rule {target!r} cannot supplement itself"
            elif target not in ctx.ids:
                message = f"supplements {target!r}, but no rule file has that id"
            else:
                continue
            yield file.finding("dangling-supplements", Severity.ERROR, message, ("supplements", i))


def check_uncertain(ctx: Context) -> Iterator[RuleFinding]:
    """Uncertain entries need confirming; an uncertain or unknown figure is a warning."""
    for file in ctx.files:
        for loc, entry in walk_sourced(file.rule):
            if entry.certainty is not Certainty.UNCERTAIN:
                continue
            figure = isinstance(entry, Deadline | Age)
            unknown = isinstance(entry, Deadline | Age) and entry.value is None and not entry.text
            kind = "unknown figure" if unknown else "uncertain figure" if figure else "uncertain"
            severity = Severity.WARNING if figure else Severity.INFO
            yield file.finding("uncertain", severity, f"{kind}: {entry.note}", loc)


def check_review_age(ctx: Context) -> Iterator[RuleFinding]:
    """A rule must have been reviewed within the last year, and not in the future."""
    for file in ctx.files:
        reviewed = file.rule.last_reviewed
        if reviewed > ctx.today:
            message = f"last_reviewed {reviewed} is in the future"
            yield file.finding("review-date", Severity.ERROR, message, ("last_reviewed",))
        elif ctx.today - reviewed > REVIEW_MAX_AGE:
            message = f"last reviewed {reviewed}, more than a year ago: review the law again"
            yield file.finding("stale-review", Severity.WARNING, message, ("last_reviewed",))
        adequacy = file.rule.cross_border_transfer and file.rule.cross_border_transfer.adequacy
        if adequacy and ctx.today - adequacy.as_of > REVIEW_MAX_AGE:
            loc = ("cross_border_transfer", "adequacy", "as_of")
            message = f"adequacy list as of {adequacy.as_of} is more than a year old"
            yield file.finding("stale-review", Severity.WARNING, message, loc)


def check_status_dates(ctx: Context) -> Iterator[RuleFinding]:
    """The status must agree with the effective dates (in force means a date has passed)."""
    for file in ctx.files:
        rule = file.rule
        passed = [e.date for e in rule.effective if e.date <= ctx.today]
        if rule.status is not Status.ENACTED_NOT_IN_FORCE and not passed:
            message = f"status {rule.status.value} but no effective date has passed yet"
            yield file.finding("status-dates", Severity.WARNING, message, ("status",))
        if rule.status is Status.ENACTED_NOT_IN_FORCE and passed:
            message = f"status enacted_not_in_force but {max(passed)} has passed"
            yield file.finding("status-dates", Severity.WARNING, message, ("status",))


def check_sections(ctx: Context) -> Iterator[RuleFinding]:
    """Key obligation sections should be present (residency and notices read them)."""
    for file in ctx.files:
        for name in KEY_SECTIONS:
            if not getattr(file.rule, name):
                message = f"no {name} section: answers that need it will say unknown"
                yield file.finding("missing-section", Severity.INFO, message, (name,))


CHECKS: tuple[Callable[[Context], Iterator[RuleFinding]], ...] = (
    check_jurisdiction_codes,
    check_duplicate_ids,
    check_supplements,
    check_uncertain,
    check_review_age,
    check_status_dates,
    check_sections,
)


def check_title(check: Callable[..., object]) -> str:
    """The first line of a check's docstring, as shown in reports."""
    return (check.__doc__ or check.__name__).strip().splitlines()[0]


def _group_findings(path: Path, jurisdictions: Jurisdictions) -> Iterator[RuleFinding]:
    """Group members must be ISO countries; group names must not be country codes."""
    try:
        node = read_yaml(path)[1]
    except (OSError, yaml.YAMLError):
        node = None
    for name, group in jurisdictions.groups.items():
        if is_country(name):
            message = f"group name {name!r} is an ISO country code; choose another name"
            yield RuleFinding(
                "unknown-jurisdiction",
                Severity.ERROR,
                str(path),
                key_line(node, ["groups", name]),
                message,
                f"groups.{name}",
            )
        for i, code in enumerate(group.members):
            if not is_country(code):
                loc: list[str | int] = ["groups", name, "members", i]
                message = f"{code!r} is not an ISO 3166-1 alpha-2 country code"
                yield RuleFinding(
                    "unknown-jurisdiction",
                    Severity.ERROR,
                    str(path),
                    key_line(node, loc),
                    message,
                    ".".join(map(str, loc)),
                )


def check_rules(rules_dir: Path, today: date | None = None) -> list[RuleFinding]:
    """Every finding for the rule files in ``rules_dir``: errors first, then by file and line."""
    findings: list[RuleFinding] = []
    jurisdictions, errors = load_jurisdictions(rules_dir)
    findings += [_from_error(error) for error in errors]
    if jurisdictions is not None:
        findings += _group_findings(rules_dir / JURISDICTIONS_FILE, jurisdictions)

    files = []
    for path in rule_files(rules_dir):
        rule, file_errors, node = validate_file_with_node(path)
        findings += [_from_error(error) for error in file_errors]
        if rule is not None:
            files.append(RuleFile(path, node, rule))

    groups = {k: tuple(g.members) for k, g in jurisdictions.groups.items()} if jurisdictions else {}
    ctx = Context(tuple(files), groups, today or date.today())
    for check in CHECKS:
        findings += check(ctx)

    order = list(Severity)
    findings.sort(key=lambda f: (order.index(f.severity), f.path, f.line or 0, f.code))
    log.debug("checked %d rule files: %d findings", len(files), len(findings))
    return findings


def blocking_error(findings: list[RuleFinding]) -> RuleError | None:
    """The first ERROR finding as a :class:`RuleError`, naming how many more there are.

    The message is the one ``i18n rules check`` shows for that finding (same
    file, line, field and code), so the build, Dagster and the checker agree.

    >>> ok = RuleFinding("stale-review", Severity.WARNING, "a.yaml", 3, "old")
    >>> blocking_error([ok]) is None
    True
    >>> bad = RuleFinding("unknown-jurisdiction", Severity.ERROR, "a.yaml", 11, "'ZZ' is bad",
    ...                   "jurisdictions.0")
    >>> error = blocking_error([bad, ok, bad])
    >>> error.line, error.field
    (11, 'jurisdictions.0')
    >>> error.message
    "unknown-jurisdiction: 'ZZ' is bad; 1 more error(s): see `i18n rules check`"
    """
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if not errors:
        return None
    first = errors[0]
    more = f"; {len(errors) - 1} more error(s): see `i18n rules check`" if len(errors) > 1 else ""
    return RuleError(first.path, first.line, f"{first.code}: {first.message}{more}", first.field)


def load_rules_checked(rules_dir: Path, today: date | None = None) -> RuleSet:
    """The rule set a release may ship: no ERROR finding of :func:`check_rules`, else RuleError.

    Stricter than :func:`~i18n_pipeline.compliance.loader.load_rules_strict`
    (which only sees YAML, schema and duplicate-id problems): an unknown
    jurisdiction code, a dangling ``supplements`` or a review date in the
    future also refuse the whole set. Warnings and infos do not. A file that
    does not load is reported first, since it causes follow-on findings (a rule
    supplementing it looks dangling).
    """
    ruleset = load_rules_strict(rules_dir)  # a broken file first: it is the root cause
    error = blocking_error(check_rules(rules_dir, today))
    if error is not None:
        raise error
    return ruleset
