"""The release manifest: the contract between the builder, the stores and the API.

A manifest names every file of a release with its SHA-256 and size, and for
every region each locale shipped there with its completion, priority, gate
decision and fallback chain. Clients (the API, edge mirrors, dashboards)
read only this model, so a field changes here together with the README.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

GateStatus = Literal["pass", "warn", "fail", "excluded"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FileEntry(_Model):
    """One immutable file of a release; ``path`` is relative to the release root."""

    path: str
    kind: Literal["bundle", "notice", "rules", "stats"]
    format: str = Field(description="i18next | gettext | mo | md | html | json")
    domain: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class Completion(_Model):
    """Counts for one catalog, as pocount counts them (see ``stats``)."""

    total: int
    translated: int
    fuzzy: int
    untranslated: int
    total_words: int
    translated_words: int
    messages: float = Field(ge=0, le=1, description="translated / total")
    words: float = Field(ge=0, le=1, description="translated_words / total_words")


class Gate(_Model):
    """A release decision and the reason a person can read."""

    status: GateStatus
    reason: str


class FallbackExposure(_Model):
    """How much of a locale a client resolves from its fallback chain."""

    messages: int = Field(description="Messages served from a fallback language.")
    by_locale: dict[str, int] = Field(
        default_factory=dict, description="Fallback tag -> messages resolved from it."
    )
    p0_msgids: list[str] = Field(
        default_factory=list,
        description="For a P0 locale: the msgids that fall back (they need attention).",
    )


class LocaleEntry(_Model):
    """A locale as shipped (or deliberately not shipped) in one region."""

    locale: str = Field(description="BCP 47 tag, e.g. zh-Hans")
    catalog: str = Field(description="Catalog identifier under locales/, e.g. zh_Hans")
    name: str
    priority: Literal["P0", "P1", "P2"]
    target: float
    direction: Literal["ltr", "rtl"] = "ltr"
    completion: dict[str, Completion] = Field(description="Per domain.")
    gate: Gate
    fallback: list[str] = Field(description="Chain after this locale, ending at the source.")
    fallback_exposure: FallbackExposure
    files: list[FileEntry] = Field(default_factory=list)


class NoticeEntry(_Model):
    """A privacy notice for one rule and locale, shipped or withheld by the legal gate."""

    rule_id: str
    locale: str
    status: Literal["shipped", "withheld"]
    reason: str
    required: bool = Field(description="The rule requires a notice in this language.")
    files: list[FileEntry] = Field(default_factory=list)


class RegionEntry(_Model):
    """One business region of a release."""

    name: str
    cloud_regions: list[str]
    countries: list[str]
    locales: dict[str, LocaleEntry] = Field(description="BCP 47 tag -> entry.")
    notices: list[NoticeEntry] = Field(default_factory=list)


class Manifest(_Model):
    """``manifest.json`` at the root of every release."""

    schema_version: int = SCHEMA_VERSION
    release_id: str
    created_at: datetime
    source_commit: str | None = Field(
        description=(
            "Git HEAD the release was built from, '<sha>-dirty' when locales, rules or "
            "product sources had uncommitted changes (modified, deleted or new files) so "
            "the commit alone does not reproduce it; I18N_SOURCE_COMMIT overrides it, and "
            "it is null outside a git work tree."
        )
    )
    source_locale: str
    inputs_sha256: str = Field(description="Hash of every input; same inputs, same files.")
    regions: dict[str, RegionEntry]
    rules: FileEntry | None = Field(default=None, description="The compiled rule dataset.")
    warnings: list[str] = Field(default_factory=list)

    def files(self) -> list[FileEntry]:
        """Every file the release holds, each once, sorted by path."""
        entries: dict[str, FileEntry] = {}
        for region in self.regions.values():
            for locale in region.locales.values():
                entries.update((f.path, f) for f in locale.files)
            for notice in region.notices:
                entries.update((f.path, f) for f in notice.files)
        if self.rules is not None:
            entries[self.rules.path] = self.rules
        return [entries[path] for path in sorted(entries)]
