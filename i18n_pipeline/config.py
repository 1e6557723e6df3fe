"""Business configuration: the language matrix, regions and caching tiers.

All of it is data in ``locales/*.yaml``; code reads it from here and never
hard-codes a language, a region or a TTL. Paths come from :class:`Settings`
(environment variables ``I18N_*``) so tests and deployments point elsewhere.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from i18n_pipeline.errors import ConfigError
from i18n_pipeline.yamlio import load_model


class Priority(StrEnum):
    """Language priority; the gate policy for each lives in the matrix file."""

    P0 = "P0"
    P1 = "P1"
    P2 = "P2"


class GateAction(StrEnum):
    """What a release does with a language below its completion target."""

    BLOCK = "block"  # the release stops
    WARN = "warn"  # the language ships, the manifest carries a warning
    EXCLUDE = "exclude"  # the language is left out; clients fall back


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(_Strict):
    """One row of the priority matrix."""

    locale: str = Field(description="Catalog identifier, as in locales/<locale>/ (babel form).")
    name: str
    priority: Priority
    target: float = Field(ge=0, le=1, description="Completion target, 0..1.")
    regions: tuple[str, ...] = Field(min_length=1)
    direction: Literal["ltr", "rtl"] = "ltr"


class Matrix(_Strict):
    """The language priority matrix (``locales/matrix.yaml``)."""

    source_locale: str
    gate_metric: Literal["messages", "words"] = "messages"
    domains: tuple[str, ...] = ("messages", "notices")
    gates: dict[Priority, GateAction]
    languages: tuple[Language, ...] = Field(min_length=1)
    fallbacks: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Overrides of computed fallback chains: BCP 47 tag -> chain after it.",
    )

    @field_validator("languages")
    @classmethod
    def _unique_locales(cls, languages: tuple[Language, ...]) -> tuple[Language, ...]:
        seen: set[str] = set()
        for language in languages:
            if language.locale in seen:
                raise ValueError(f"locale {language.locale!r} is listed twice")
            seen.add(language.locale)
        return languages

    @model_validator(mode="after")
    def _source_listed(self) -> Matrix:
        if self.source_locale not in {lang.locale for lang in self.languages}:
            raise ValueError(f"source_locale {self.source_locale!r} is not in languages")
        missing = set(Priority) - set(self.gates)
        if missing:
            raise ValueError(f"gates has no action for {', '.join(sorted(missing))}")
        return self

    def language(self, locale: str) -> Language:
        """The matrix row for ``locale``; ``KeyError`` names the known ones."""
        for language in self.languages:
            if language.locale == locale:
                return language
        known = ", ".join(lang.locale for lang in self.languages)
        raise KeyError(f"locale {locale!r} is not in the matrix (known: {known})")

    def shipped_in(self, region: str) -> tuple[Language, ...]:
        """Languages the matrix ships in ``region``, in matrix order."""
        return tuple(lang for lang in self.languages if region in lang.regions)

    @property
    def translated_locales(self) -> tuple[str, ...]:
        """Every matrix locale except the source language."""
        return tuple(lang.locale for lang in self.languages if lang.locale != self.source_locale)


class CloudRegion(_Strict):
    """A cloud region and the jurisdiction its data centre sits in."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    subdivision: str | None = Field(default=None, pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
    city: str | None = None


class Region(_Strict):
    """A business region: its cloud regions and the countries it serves."""

    name: str
    primary: str
    secondary: tuple[str, ...] = ()
    countries: tuple[str, ...] = Field(min_length=1)
    edge_locations: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Country -> edge cities (empty tuple: one location)."
    )

    @property
    def cloud_regions(self) -> tuple[str, ...]:
        return (self.primary, *self.secondary)


class ResidencyPolicy(_Strict):
    """A business rule on where data may be stored, stricter than the law (never looser).

    Keyed in ``residency_policy`` by the country or rule-file group
    (``compliance_rules/jurisdictions.yaml``) whose data subjects it covers.
    """

    allowed: tuple[str, ...] = Field(
        min_length=1, description="Countries or groups where the data may be stored."
    )
    reason: str = Field(min_length=1, description="Why: the commitment, in plain words.")
    source: str = Field(min_length=1, description="Where the requirement is written down.")


class Regions(_Strict):
    """``locales/regions.yaml``: business regions and cloud regions."""

    regions: dict[str, Region]
    cloud_regions: dict[str, CloudRegion]
    residency_policy: dict[str, ResidencyPolicy] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _cloud_regions_known(self) -> Regions:
        for key, region in self.regions.items():
            for cloud in region.cloud_regions:
                if cloud not in self.cloud_regions:
                    raise ValueError(f"region {key!r} names unknown cloud region {cloud!r}")
        return self

    def region_of_country(self, country: str) -> str | None:
        """The business region serving ``country`` (ISO 3166-1 alpha-2), if any."""
        for key, region in self.regions.items():
            if country in region.countries:
                return key
        return None


class Tier(StrEnum):
    EDGE = "edge"
    REGIONAL = "regional"
    GLOBAL = "global"


class Caching(_Strict):
    """``locales/caching.yaml``: TTLs (seconds) per tier and content kind."""

    tiers: dict[Tier, dict[str, int]]
    immutable_max_age: int = 31_536_000

    def ttl(self, tier: Tier, content: str) -> int:
        """TTL for ``content`` at ``tier``; falls back to the global reference TTL."""
        try:
            return self.tiers[tier][content]
        except KeyError:
            known = sorted({c for row in self.tiers.values() for c in row})
            raise KeyError(
                f"no TTL for {content!r} at tier {tier.value} (known: {known})"
            ) from None


def _config_error(path: Path, line: int | None, message: str, field: str | None) -> ConfigError:
    at = f"{message} (field {field})" if field else message
    return ConfigError(path, at, line)


class Settings(BaseSettings):
    """Where things live and which services to use; ``I18N_*`` environment variables.

    Every path is relative to ``root`` unless absolute, so one variable moves a
    whole checkout and tests point the pipeline at a temporary copy.
    """

    model_config = SettingsConfigDict(env_prefix="I18N_", extra="ignore")

    root: Path = Field(default_factory=Path.cwd)
    locales_dir: Path = Path("locales")
    rules_dir: Path = Path("compliance_rules")
    source_dir: Path = Path("examples/recruitment_app")
    var_dir: Path = Path("var")
    release_dir: Path = Path("var/releases")
    store_url: str | None = Field(
        default=None,
        description="Release store: a directory path (default release_dir) or s3://bucket/prefix.",
    )
    s3_endpoint_url: str | None = None
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///<var_dir>/i18n.db."
    )
    source_commit: str | None = None
    tier: Tier = Tier.REGIONAL

    def path(self, value: Path) -> Path:
        """``value`` resolved against ``root``."""
        return value if value.is_absolute() else (self.root / value).resolve()

    @property
    def locales_path(self) -> Path:
        return self.path(self.locales_dir)

    @property
    def rules_path(self) -> Path:
        return self.path(self.rules_dir)

    @property
    def source_path(self) -> Path:
        return self.path(self.source_dir)

    @property
    def var_path(self) -> Path:
        return self.path(self.var_dir)

    @property
    def release_path(self) -> Path:
        return self.path(self.release_dir)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_path / 'i18n.db'}"

    @cached_property
    def matrix(self) -> Matrix:
        return load_matrix(self.locales_path / "matrix.yaml")

    @cached_property
    def regions(self) -> Regions:
        return load_regions(self.locales_path / "regions.yaml")

    @cached_property
    def caching(self) -> Caching:
        return load_caching(self.locales_path / "caching.yaml")


def load_matrix(path: Path) -> Matrix:
    """Read and validate the priority matrix."""
    return load_model(path, Matrix, _config_error)


def load_regions(path: Path) -> Regions:
    """Read and validate the regions file."""
    return load_model(path, Regions, _config_error)


def load_caching(path: Path) -> Caching:
    """Read and validate the caching tiers."""
    return load_model(path, Caching, _config_error)
