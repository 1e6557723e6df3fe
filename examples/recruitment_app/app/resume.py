"""Résumé upload: accepted files, size limits and what parsing found."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _, ngettext

ACCEPTED_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
}
MAX_SIZE_MB = 10
MAX_PAGES = 8


class ResumeRejected(ValueError):
    """The upload cannot be used; ``str(error)`` is the message for the candidate."""


def check_upload(filename: str, size_bytes: int, pages: int | None) -> None:
    extension = filename[filename.rfind(".") :].lower() if "." in filename else ""
    if extension not in ACCEPTED_TYPES:
        raise ResumeRejected(
            _(
                '"{filename}" isn\'t a supported file type. '
                "Upload a PDF, DOCX, DOC, RTF or TXT file."
            ).format(filename=filename)
        )
    if size_bytes == 0:
        raise ResumeRejected(_("This file is empty. Check that it saved correctly and try again."))
    if size_bytes > MAX_SIZE_MB * 1024 * 1024:
        raise ResumeRejected(
            _("This file is {size} MB. Résumés can be at most {limit} MB.").format(
                size=round(size_bytes / 1024 / 1024, 1), limit=MAX_SIZE_MB
            )
        )
    if pages is not None and pages > MAX_PAGES:
        raise ResumeRejected(
            ngettext(
                "Résumés can have at most {count} page.",
                "Résumés can have at most {count} pages.",
                MAX_PAGES,
            ).format(count=MAX_PAGES)
        )


PARSE_ERRORS = {
    "encrypted": _("This PDF is password-protected. Remove the password and upload it again."),
    "scanned": _(
        "We couldn't read any text in this file. It may be a scanned image; "
        "upload a version with selectable text."
    ),
    "corrupt": _("This file appears to be damaged and can't be opened."),
    "virus": _("Our security scan flagged this file, so it was not saved."),
}


@dataclass
class ParsedResume:
    name: str | None
    email: str | None
    phone: str | None
    positions: int
    skills: list[str]


def parse_summary(parsed: ParsedResume) -> list[str]:
    """What we tell the candidate after reading the résumé."""
    lines = [
        ngettext(
            "We found {count} position in your work history.",
            "We found {count} positions in your work history.",
            parsed.positions,
        ).format(count=parsed.positions),
    ]
    if parsed.email is None:
        lines.append(_("We couldn't find an email address. Add one to your profile."))
    if parsed.phone is None:
        lines.append(_("No phone number found. Employers may contact you by email only."))
    lines.append(_("Check the details below; you can edit anything we got wrong."))
    return lines


UPLOAD_LABELS = {
    "drop": _("Drag your résumé here, or choose a file"),
    # Translators: short hint under the upload box; {limit} is a number of megabytes.
    "hint": _("PDF, DOCX, DOC, RTF or TXT, up to {limit} MB"),
    "uploading": _("Uploading {filename}…"),
    "parsing": _("Reading your résumé…"),
    "replace": _("Replace résumé"),
    # Translators: label of the date a file was uploaded, followed by the date.
    "uploaded_on": _("Uploaded:"),
}
