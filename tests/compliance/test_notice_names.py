"""Notices name the law and the regulator as their language does (the rule's `names`),
falling back to the rule's own names where a locale has none."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from i18n_pipeline.compliance import notices
from i18n_pipeline.compliance.loader import load_rules_strict, validate_file
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.config import Settings
from tests.conftest import REPO


@pytest.fixture(scope="module")
def rules() -> dict[str, Rule]:
    return {rule.id: rule for rule in load_rules_strict(REPO / "compliance_rules")}


@pytest.mark.parametrize(
    ("locale", "law", "authority"),
    [
        ("fr", "(RGPD, Règlement (UE) 2016/679)", "Comité européen de la protection des données"),
        ("de", "nach DSGVO (Verordnung (EU) 2016/679)", "Europäischen Datenschutzausschuss"),
        ("es", "(RGPD, Reglamento (UE) 2016/679)", "Comité Europeo de Protección de Datos"),
        ("pt", "(RGPD, Regulamento (UE) 2016/679)", "Comitê Europeu de Proteção de Dados"),
    ],
)
def test_gdpr_notice_uses_the_locale_names(
    settings: Settings, rules: dict[str, Rule], locale: str, law: str, authority: str
) -> None:
    text = notices.render_notice(rules["eu-gdpr"], locale, "md", settings=settings)

    assert law in text and authority in text
    assert "Regulation (EU)" not in text and "European Data Protection Board" not in text


def test_json_carries_the_localized_names(settings: Settings, rules: dict[str, Rule]) -> None:
    data = json.loads(notices.render_notice(rules["eu-gdpr"], "fr", "json", settings=settings))

    assert data["law"]["short"] == "RGPD"
    assert data["law"]["citation"] == "Règlement (UE) 2016/679"
    assert data["regulator"]["name"].startswith("l'autorité de contrôle nationale")


def test_a_locale_without_names_falls_back_to_the_rule_names(
    settings: Settings, rules: dict[str, Rule]
) -> None:
    text = notices.render_notice(rules["eu-gdpr"], "ja", "md", settings=settings)

    assert "GDPR" in text and "Regulation (EU) 2016/679" in text


def test_a_partial_entry_keeps_the_fields_it_leaves_out(
    settings: Settings, rules: dict[str, Rule]
) -> None:
    text = notices.render_notice(rules["ca-qc-law25"], "fr", "md", settings=settings)

    assert "(Loi 25, RLRQ, c. P-39.1; L.Q. 2021, c. 25)" in text
    assert "Commission d'accès à l'information du Québec (CAI)" in text  # the rule's own


def test_a_regional_tag_uses_its_language_entry(rules: dict[str, Rule]) -> None:
    gdpr = rules["eu-gdpr"]

    assert gdpr.localized("fr-CA").name.short == "RGPD"
    assert gdpr.localized("pt_BR").citation == "Regulamento (UE) 2016/679"
    assert gdpr.localized("en") is gdpr
    assert gdpr.name.short == "GDPR"  # the rule itself is unchanged


def test_an_invalid_names_tag_is_a_schema_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ca_qc_law25.yaml"
    shutil.copy(REPO / "compliance_rules" / "ca_qc_law25.yaml", path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("names:\n  fr:", "names:\n  not a tag:"), encoding="utf-8")

    rule, errors = validate_file(path)

    assert rule is None
    [error] = errors
    assert error.field == "names" and "'not a tag' is not a valid BCP 47" in error.message
    assert error.line is not None and text.splitlines()[error.line - 1].startswith("names:")
