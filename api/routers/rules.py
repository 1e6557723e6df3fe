"""``/v1/rules``, ``/v1/rules/{rule_id}`` and ``/v1/residency``: the release's rule dataset."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from api.caching import Content, Resource
from api.deps import respond, snapshot
from api.errors import ApiError, ErrorBody, from_pipeline_error
from api.release_cache import ReleaseSnapshot
from i18n_pipeline.compliance.index import RuleIndex
from i18n_pipeline.compliance.residency import ResidencyAnswer, residency
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.config import Regions
from i18n_pipeline.errors import PipelineError

router = APIRouter(tags=["rules"])

Code = Annotated[str, Query(min_length=1, max_length=10, pattern=r"^[A-Za-z0-9-]+$")]


class RuleSummary(BaseModel):
    id: str
    name: dict[str, Any]
    citation: str
    url: str
    jurisdictions: list[str]
    status: str
    supplements: list[str]


class RulesAt(BaseModel):
    """The rules that apply at a location, broadest first."""

    release_id: str
    country: str
    subdivision: str | None
    groups: list[str] = Field(description="Groups (EU, EEA) the country belongs to.")
    rules: list[RuleSummary]


class Residency(ResidencyAnswer):
    """Where that location's personal data may be stored, per configured cloud region."""

    release_id: str
    allowed: list[str]
    conditional: list[str]


def rule_index(snap: ReleaseSnapshot) -> RuleIndex:
    if snap.rules is None:
        raise ApiError(404, "no_rules", f"release {snap.release_id} ships no rule dataset")
    return snap.rules


def _summary(rule: Rule) -> RuleSummary:
    data = rule.model_dump(mode="json", by_alias=True)
    return RuleSummary(**{name: data[name] for name in RuleSummary.model_fields})


def rules_at(snap: ReleaseSnapshot, country: str, subdivision: str | None) -> Resource:
    """The memoised answer of ``/v1/rules`` for one location."""

    def build() -> Resource:
        index = rule_index(snap)
        try:
            found = index.for_location(country, subdivision)
        except PipelineError as exc:
            raise from_pipeline_error(exc) from None
        upper = country.strip().upper()
        answer = RulesAt(
            release_id=snap.release_id,
            country=upper,
            subdivision=_subdivision(upper, subdivision),
            groups=list(index.groups_of(upper)),
            rules=[_summary(rule) for rule in found],
        )
        return snap.json_resource(answer.model_dump(mode="json"), Content.RULES)

    return snap.memo(("rules", country, subdivision), build)


def _subdivision(country: str, subdivision: str | None) -> str | None:
    if not subdivision:
        return None
    code = subdivision.strip().upper()
    return code if "-" in code else f"{country}-{code}"


@router.get("/v1/rules", response_model=RulesAt, responses={400: {"model": ErrorBody}})
async def get_rules(
    request: Request,
    snap: Annotated[ReleaseSnapshot, Depends(snapshot)],
    country: Code,
    subdivision: Annotated[str | None, Query(max_length=10, pattern=r"^[A-Za-z0-9-]+$")] = None,
) -> Response:
    """The rules that apply in a country (and subdivision), broadest first."""
    return respond(request, rules_at(snap, country, subdivision))


@router.get("/v1/rules/{rule_id}", response_model=Rule, responses={404: {"model": ErrorBody}})
async def get_rule(
    request: Request, rule_id: str, snap: Annotated[ReleaseSnapshot, Depends(snapshot)]
) -> Response:
    """One rule with every field and its sources, as the release ships it."""

    def build() -> Resource:
        try:
            rule = rule_index(snap).get(rule_id)
        except PipelineError as exc:
            raise from_pipeline_error(exc) from None
        return snap.json_resource(rule.model_dump(mode="json", by_alias=True), Content.RULES)

    return respond(request, snap.memo(("rule", rule_id), build))


@router.get("/v1/residency", response_model=Residency, responses={400: {"model": ErrorBody}})
async def get_residency(
    request: Request,
    snap: Annotated[ReleaseSnapshot, Depends(snapshot)],
    country: Code,
    subdivision: Annotated[str | None, Query(max_length=10, pattern=r"^[A-Za-z0-9-]+$")] = None,
) -> Response:
    """Which configured cloud regions may store personal data of people there."""
    regions: Regions = request.app.state.settings.regions

    def build() -> Resource:
        try:
            answer = residency(country, regions, rule_index(snap), subdivision)
        except PipelineError as exc:
            raise from_pipeline_error(exc) from None
        data = answer.model_dump(mode="json")
        data.update(
            release_id=snap.release_id,
            allowed=list(answer.allowed_regions),
            conditional=list(answer.conditional_regions),
        )
        return snap.json_resource(data, Content.RULES)

    return respond(request, snap.memo(("residency", country, subdivision), build))
