"""Applications and their statuses, as candidates and recruiters see them."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import _, ngettext, npgettext, pgettext


class Stage(StrEnum):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


def stage_label(stage: Stage) -> str:
    return {
        Stage.SUBMITTED: pgettext("application status", "Submitted"),
        Stage.IN_REVIEW: pgettext("application status", "In review"),
        Stage.INTERVIEW: pgettext("application status", "Interviewing"),
        # Translators: application status; the candidate received a job offer (noun).
        Stage.OFFER: pgettext("application status", "Offer"),
        Stage.HIRED: pgettext("application status", "Hired"),
        Stage.REJECTED: pgettext("application status", "Not selected"),
        Stage.WITHDRAWN: pgettext("application status", "Withdrawn"),
    }[stage]


def candidate_status_text(stage: Stage, company: str) -> str:
    """The sentence a candidate reads on the application card."""
    texts = {
        Stage.SUBMITTED: _("{company} has received your application."),
        Stage.IN_REVIEW: _("{company} is reviewing your application."),
        Stage.INTERVIEW: _("{company} would like to interview you."),
        Stage.OFFER: _("{company} has made you an offer. Congratulations!"),
        Stage.HIRED: _("You've accepted the offer from {company}."),
        Stage.REJECTED: _(
            "{company} has decided not to move forward. Thank you for your interest."
        ),
        Stage.WITHDRAWN: _("You withdrew this application."),
    }
    return texts[stage].format(company=company)


def application_noun(n: int) -> str:
    # Translators: noun, as in "an application for a job"; count shown on the job card.
    return npgettext("noun", "{count} application", "{count} applications", n).format(count=n)


def my_applications_heading(n: int) -> str:
    return ngettext(
        "You have {count} active application", "You have {count} active applications", n
    ).format(count=n)


def validate_application(
    answers: dict[str, str], required: list[str], has_resume: bool
) -> list[str]:
    errors = []
    if not has_resume:
        errors.append(_("Add a résumé before you apply."))
    missing = [question for question in required if not answers.get(question, "").strip()]
    if missing:
        errors.append(
            ngettext(
                "Answer {count} more required question.",
                "Answer {count} more required questions.",
                len(missing),
            ).format(count=len(missing))
        )
    if len(answers.get("cover_letter", "")) > 5000:
        errors.append(_("Cover letters can be at most 5,000 characters."))
    return errors


APPLICATION_MESSAGES = {
    "submitted": _("Application sent! You can follow its progress under My applications."),
    "duplicate": _("You've already applied to this job."),
    "closed": _("This job closed before your application was sent. Nothing was submitted."),
    "withdraw_confirm": _(
        "Withdraw your application to {title}? The employer will no longer see it."
    ),
}


def step_progress(step: int, total: int) -> str:
    # Translators: progress in the application form, e.g. "Step 2 of 4".
    return _("Step {step} of {total}").format(step=step, total=total)


def bulk_reject_confirmation(n: int) -> str:
    return ngettext(
        "Reject {count} candidate and send them the rejection email?",
        "Reject {count} candidates and send them the rejection email?",
        n,
    ).format(count=n)
