"""Privacy notices: one template, every law's figures, every language, and the legal gate.

A notice is ``compliance_rules/notices/privacy_notice.j2`` rendered for one
rule (:class:`~i18n_pipeline.compliance.schema.Rule`) and one locale. Its
sentences live in the ``notices`` gettext domain with brace placeholders; the
figures (deadlines, ages), names and URLs are the rule's data and the
organisation's facts in ``compliance_rules/notices/profile.yaml``, so a
changed deadline changes the notice without a new translation.

This module is the entry point other packages use; the work is split by step:

- :mod:`.notices_profile`: the organisation's facts (controller, contact, retention);
- :mod:`.notices_catalog`: a locale's ``notices`` catalog and the gettext callables;
- :mod:`.notices_template`: rendering the template for one rule;
- :mod:`.notices_render`: the notice markup and its md, html and json forms;
- :mod:`.notices_gate`: completeness, and the gated files of a release region.

Law short names, citations and regulator names come from the rule file; its
optional ``names`` map gives them per locale (``RGPD`` for a French GDPR
notice), and a locale without an entry falls back to the file's own (English)
names.
"""

from __future__ import annotations

from i18n_pipeline.compliance.notices_catalog import DOMAIN, NoticeTranslations
from i18n_pipeline.compliance.notices_gate import (
    NoticeCompleteness,
    NoticeTarget,
    build_region_notices,
    completeness_of,
    notice_artifacts,
    notice_completeness,
    notice_targets,
    region_notices,
    region_rules,
    required_catalog,
)
from i18n_pipeline.compliance.notices_profile import NoticeProfile, load_profile
from i18n_pipeline.compliance.notices_render import (
    FORMATS,
    NoticeDocument,
    NoticeFormatError,
    write_document,
)
from i18n_pipeline.compliance.notices_template import (
    SUPPORTED_MECHANISMS,
    SUPPORTED_RIGHTS,
    TEMPLATE,
    NoticeKit,
    RenderedNotice,
    render_document,
    resolve_inputs,
)
from i18n_pipeline.compliance.schema import Rule
from i18n_pipeline.config import Settings

__all__ = [
    "DOMAIN",
    "FORMATS",
    "SUPPORTED_MECHANISMS",
    "SUPPORTED_RIGHTS",
    "TEMPLATE",
    "NoticeCompleteness",
    "NoticeDocument",
    "NoticeFormatError",
    "NoticeKit",
    "NoticeProfile",
    "NoticeTarget",
    "NoticeTranslations",
    "RenderedNotice",
    "build_region_notices",
    "completeness_of",
    "load_profile",
    "notice_artifacts",
    "notice_completeness",
    "notice_targets",
    "region_notices",
    "region_rules",
    "render_document",
    "render_notice",
    "required_catalog",
]


def render_notice(
    rule: Rule,
    locale: str,
    fmt: str = "md",
    *,
    settings: Settings | None = None,
    translations: NoticeTranslations | None = None,
    kit: NoticeKit | None = None,
) -> str:
    """The notice of ``rule`` in ``locale`` as Markdown, HTML or JSON text.

    Pass ``settings`` (catalog and templates found from it), or ``translations``
    and ``kit`` directly. Missing translations render as English; check
    :func:`notice_completeness` before publishing one.
    """
    if fmt not in FORMATS:
        raise NoticeFormatError(
            f"unknown notice format {fmt!r}; expected one of {', '.join(FORMATS)}"
        )
    translations, kit = resolve_inputs(locale, settings, translations, kit)
    return write_document(render_document(rule, translations, kit).document, fmt)
