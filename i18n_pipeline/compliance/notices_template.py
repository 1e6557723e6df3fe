"""Rendering the notice template for one rule into a :class:`NoticeDocument`.

``compliance_rules/notices/privacy_notice.j2`` (with the phrases of
``periods.j2``) writes notice markup from the rule and the profile; the
result is parsed into a document and the messages it used are kept with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import jinja2
from babel.dates import format_date

from i18n_pipeline import locales
from i18n_pipeline.compliance.notices_catalog import (
    MessageKey,
    MessageLookup,
    MessageState,
    NoticeTranslations,
    babel_locale,
)
from i18n_pipeline.compliance.notices_profile import NoticeProfile, load_profile
from i18n_pipeline.compliance.notices_render import (
    NoticeDocument,
    NoticeFormatError,
    parse_markup,
)
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.config import Settings

TEMPLATE = "privacy_notice.j2"
NOTICES_SUBDIR = "notices"

#: Rights and transfer mechanisms ``periods.j2`` has wording for. A kind added to
#: the schema is refused here (not rendered as an empty heading) until its
#: sentences are written; a test keeps these lists level with the schema.
SUPPORTED_RIGHTS = frozenset(
    {"access", "correction", "deletion", "portability", "objection", "restriction",
     "opt_out_sale", "opt_out_sharing", "limit_sensitive", "automated_decision",
     "withdraw_consent"}
)  # fmt: skip
SUPPORTED_MECHANISMS = frozenset(
    {"adequacy", "sccs", "bcrs", "consent", "certification", "code_of_conduct", "derogations",
     "security_assessment", "standard_contract", "contract", "accountability",
     "impact_assessment"}
)  # fmt: skip


@lru_cache(maxsize=8)
def _environment(notices_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(notices_dir),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is notice markup; notices_render escapes per format
    )
    return env


@dataclass(frozen=True)
class NoticeKit:
    """Where the templates and the profile are, read once for many notices."""

    notices_dir: Path
    profile: NoticeProfile

    @classmethod
    def from_settings(cls, settings: Settings) -> NoticeKit:
        notices_dir = settings.rules_path / NOTICES_SUBDIR
        return cls(notices_dir, load_profile(notices_dir))


def _check_supported(rule: Rule) -> None:
    for entry in rule.rights:
        if entry.applies and entry.right.value not in SUPPORTED_RIGHTS:
            raise NoticeFormatError(
                f"rule {rule.id!r}: no notice wording for right {entry.right.value!r};"
                " add it to periods.j2"
            )
    transfer = rule.cross_border_transfer
    for mechanism in transfer.mechanisms if transfer else ():
        if mechanism.value not in SUPPORTED_MECHANISMS:
            raise NoticeFormatError(
                f"rule {rule.id!r}: no notice wording for transfer mechanism"
                f" {mechanism.value!r}; add it to periods.j2"
            )


@dataclass(frozen=True)
class RenderedNotice:
    """A notice document and the messages it used, with their translation state."""

    document: NoticeDocument
    used: dict[MessageKey, MessageState] = field(default_factory=dict)


def _last_updated(rule: Rule, profile: NoticeProfile) -> date:
    return max(rule.last_reviewed, profile.last_updated)


def render_document(rule: Rule, translations: NoticeTranslations, kit: NoticeKit) -> RenderedNotice:
    """Render the template for ``rule`` in the translations' locale, recording its messages.

    The law's and regulator's names are the locale's (``names`` in the rule file) when given.
    """
    _check_supported(rule)
    rule = rule.localized(translations.locale)
    cldr = babel_locale(translations.locale)
    lookup = MessageLookup(translations, cldr)
    updated = _last_updated(rule, kit.profile)
    try:
        template = _environment(kit.notices_dir).get_template(TEMPLATE)
        markup = template.render(
            rule=rule,
            profile=kit.profile,
            last_updated=format_date(updated, format="long", locale=cldr),
            **lookup.callables(),
        )
    except jinja2.TemplateSyntaxError as exc:
        where = f"{kit.notices_dir / (exc.name or TEMPLATE)}:{exc.lineno}"
        raise NoticeFormatError(f"{where}: template syntax: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise NoticeFormatError(f"{kit.notices_dir / TEMPLATE}: {exc}") from None

    title, summary, sections = parse_markup(markup, str(kit.notices_dir / TEMPLATE))
    direction: Literal["ltr", "rtl"] = "rtl" if cldr.character_order == "right-to-left" else "ltr"
    meta = {
        "rule_id": rule.id,
        "law": {"short": rule.name.short, "citation": rule.citation, "url": rule.url},
        "regulator": {
            "name": rule.regulator.name,
            "url": rule.regulator.url,
            "complaint_url": rule.regulator.complaint_url,
        },
        "last_updated": updated.isoformat(),
    }
    document = NoticeDocument(
        title=title,
        summary=summary,
        sections=sections,
        lang=locales.to_bcp47(translations.locale),
        direction=direction,
        meta=meta,
    )
    return RenderedNotice(document, dict(lookup.used))


def resolve_inputs(
    locale: str,
    settings: Settings | None,
    translations: NoticeTranslations | None,
    kit: NoticeKit | None,
) -> tuple[NoticeTranslations, NoticeKit]:
    """The catalog and templates to use: given ones, else found from ``settings``."""
    if translations is not None and kit is not None:
        return translations, kit
    if settings is None:
        raise TypeError("pass settings, or both translations and kit")
    return (
        translations or NoticeTranslations.load(settings, locale),
        kit or NoticeKit.from_settings(settings),
    )
