"""The organisation's facts every privacy notice states: ``compliance_rules/notices/profile.yaml``.

Who the controller is, how people reach it and the product's own retention
periods are product data, not law, so they live beside the notice templates
rather than in the rule files.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from i18n_pipeline.errors import ConfigError
from i18n_pipeline.yamlio import load_model

PROFILE = "profile.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Controller(_Strict):
    """The organisation responsible for the data, and how people reach it."""

    name: str = Field(min_length=1)
    address: str = Field(min_length=1)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    dpo_email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    requests_url: str = Field(pattern=r"^https?://\S+$")
    opt_out_url: str = Field(pattern=r"^https?://\S+$")


class Retention(_Strict):
    """The product's own retention periods, in months."""

    account_months: int = Field(ge=0)
    application_months: int = Field(ge=0)


class NoticeProfile(_Strict):
    """``compliance_rules/notices/profile.yaml``: facts every notice states about us."""

    controller: Controller
    sells_personal_data: bool
    retention: Retention | None = None
    last_updated: date


def _profile_error(path: Path, line: int | None, message: str, field: str | None) -> ConfigError:
    return ConfigError(path, f"{message} (field {field})" if field else message, line)


def load_profile(notices_dir: Path) -> NoticeProfile:
    """Read and validate the notice profile; :class:`ConfigError` names file and line."""
    path = notices_dir / PROFILE
    if not path.exists():
        raise ConfigError(path, "notice profile not found (controller, contact, retention)")
    return load_model(path, NoticeProfile, _profile_error)
