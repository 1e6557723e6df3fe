"""Turning a rendered notice template into Markdown, HTML or JSON.

The templates in ``compliance_rules/notices/`` write a small line-based
*notice markup* (see :func:`parse_markup`); this module parses it into a
:class:`NoticeDocument` and writes that in the three release formats. Text is
escaped for its format here, once, so a value from rule data (a regulator's
name with ``<`` or ``*`` in it) can never become markup. URLs and e-mail
addresses in the text become links.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from i18n_pipeline.errors import PipelineError

FORMATS = ("md", "html", "json")
NoticeFormat = Literal["md", "html", "json"]
JSON_FORMAT_VERSION = 1

_SECTION_RE = re.compile(r"^##\s+([a-z][a-z0-9-]*)\s*\|\s*(.+)$")
# A URL stops before trailing punctuation; e-mail addresses end at their last label.
_LINK_RE = re.compile(
    r"(?P<url>https?://[!-~]+?)(?=[.,;:!?)'\"]*(?:\s|$|[^!-~]))"
    r"|(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>])")


class NoticeFormatError(PipelineError):
    """A notice template wrote markup this module cannot parse, or a format is unknown."""

    exit_code = 2


@dataclass(frozen=True)
class Block:
    """One block of a section: a paragraph, a sub-heading or a list."""

    kind: Literal["paragraph", "heading", "list"]
    text: str = ""
    items: tuple[str, ...] = ()

    def data(self) -> dict[str, Any]:
        if self.kind == "list":
            return {"type": "list", "items": list(self.items)}
        return {"type": self.kind, "text": self.text}


@dataclass(frozen=True)
class Section:
    """A titled part of the notice; ``id`` is stable across languages."""

    id: str
    heading: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class NoticeDocument:
    """A rendered notice, independent of its output format."""

    title: str
    summary: tuple[Block, ...]
    sections: tuple[Section, ...]
    lang: str = "en"
    direction: Literal["ltr", "rtl"] = "ltr"
    meta: dict[str, Any] = field(default_factory=dict)

    def section(self, section_id: str) -> Section | None:
        """The section with ``section_id``, or None when the rule had no data for it."""
        return next((s for s in self.sections if s.id == section_id), None)


def _blocks(lines: list[str]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for line in lines:
        if line.startswith("- "):
            item = line[2:].strip()
            if blocks and blocks[-1].kind == "list":
                blocks[-1] = Block("list", items=(*blocks[-1].items, item))
            else:
                blocks.append(Block("list", items=(item,)))
        elif line.startswith("### "):
            blocks.append(Block("heading", text=line[4:].strip()))
        else:
            blocks.append(Block("paragraph", text=line))
    return tuple(blocks)


def parse_markup(
    text: str, origin: str = "notice template"
) -> tuple[str, tuple[Block, ...], tuple[Section, ...]]:
    """Parse notice markup into its title, summary blocks and sections.

    Lines: ``# title`` (once, first), ``## id | heading`` starts a section,
    ``### heading`` a sub-heading, ``- text`` a list item, any other non-blank
    line a paragraph.

    >>> title, summary, sections = parse_markup(
    ...     "# Notice\\nIntro.\\n## rights | Your rights\\n### Access\\n- one\\n- two\\n")
    >>> title, summary[0].text, sections[0].id, [b.kind for b in sections[0].blocks]
    ('Notice', 'Intro.', 'rights', ['heading', 'list'])
    """
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines or not lines[0].startswith("# "):
        raise NoticeFormatError(f"{origin}: the first line must be the title ('# ...')")

    title = lines[0][2:].strip()
    summary: list[str] = []
    opened: list[tuple[str, str, list[str]]] = []
    for line in lines[1:]:
        if line.startswith("# "):
            raise NoticeFormatError(f"{origin}: a second title {line!r}; use '## id | heading'")
        if line.startswith("## "):
            match = _SECTION_RE.match(line)
            if match is None:
                raise NoticeFormatError(f"{origin}: section line {line!r} is not '## id | heading'")
            if any(section_id == match.group(1) for section_id, _, _ in opened):
                raise NoticeFormatError(f"{origin}: section id {match.group(1)!r} is used twice")
            opened.append((match.group(1), match.group(2).strip(), []))
        elif opened:
            opened[-1][2].append(line)
        else:
            summary.append(line)
    sections = tuple(Section(sid, heading, _blocks(body)) for sid, heading, body in opened)
    return title, _blocks(summary), sections


# --------------------------------------------------------------------------- Markdown


def _md_inline(text: str) -> str:
    r"""Escape Markdown syntax in ``text`` and turn URLs and e-mails into autolinks.

    >>> _md_inline("See https://ico.org.uk. Write to a_b@example.com *now*")
    'See <https://ico.org.uk>. Write to <a_b@example.com> \\*now\\*'
    """
    out: list[str] = []
    last = 0
    for match in _LINK_RE.finditer(text):
        out.append(_MD_SPECIAL_RE.sub(r"\\\1", text[last : match.start()]))
        out.append(f"<{match.group(0)}>")
        last = match.end()
    out.append(_MD_SPECIAL_RE.sub(r"\\\1", text[last:]))
    return "".join(out)


def _md_blocks(blocks: tuple[Block, ...]) -> list[str]:
    parts: list[str] = []
    for block in blocks:
        if block.kind == "list":
            parts.append("\n".join(f"- {_md_inline(item)}" for item in block.items))
        elif block.kind == "heading":
            parts.append(f"### {_md_inline(block.text)}")
        else:
            parts.append(_md_inline(block.text))
    return parts


def to_markdown(doc: NoticeDocument) -> str:
    """CommonMark: one blank line between blocks, a final newline."""
    parts = [f"# {_md_inline(doc.title)}", *_md_blocks(doc.summary)]
    for section in doc.sections:
        parts.append(f"## {_md_inline(section.heading)}")
        parts.extend(_md_blocks(section.blocks))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- HTML


def _html_inline(text: str) -> str:
    """Escape ``text`` for HTML; links keep left-to-right order inside RTL text.

    >>> _html_inline("Mail x@example.com, see https://a.example/?q=1&r=2.")
    ... # doctest: +NORMALIZE_WHITESPACE
    'Mail <a href="mailto:x@example.com" dir="ltr">x@example.com</a>,
     see <a href="https://a.example/?q=1&amp;r=2" dir="ltr">https://a.example/?q=1&amp;r=2</a>.'
    """
    out: list[str] = []
    last = 0
    for match in _LINK_RE.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        target = match.group(0)
        href = f"mailto:{target}" if match.group("email") else target
        out.append(
            f'<a href="{html.escape(href)}" dir="ltr">{html.escape(target, quote=False)}</a>'
        )
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _html_blocks(blocks: tuple[Block, ...], indent: str) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "list":
            lines.append(f"{indent}<ul>")
            lines.extend(f"{indent}  <li>{_html_inline(item)}</li>" for item in block.items)
            lines.append(f"{indent}</ul>")
        elif block.kind == "heading":
            lines.append(f"{indent}<h3>{_html_inline(block.text)}</h3>")
        else:
            lines.append(f"{indent}<p>{_html_inline(block.text)}</p>")
    return lines


def to_html(doc: NoticeDocument) -> str:
    """A complete HTML5 document: ``lang`` and ``dir`` on the root, landmarks, headings."""
    lang = html.escape(doc.lang)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}" dir="{doc.direction}">',
        "<head>",
        '  <meta charset="utf-8">',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">',
        f"  <title>{html.escape(doc.title, quote=False)}</title>",
        "</head>",
        "<body>",
        "<main>",
        '  <article aria-labelledby="notice-title">',
        f'    <h1 id="notice-title">{_html_inline(doc.title)}</h1>',
        *_html_blocks(doc.summary, "    "),
    ]
    for section in doc.sections:
        heading_id = f"{section.id}-title"
        lines.append(f'    <section id="{section.id}" aria-labelledby="{heading_id}">')
        lines.append(f'      <h2 id="{heading_id}">{_html_inline(section.heading)}</h2>')
        lines.extend(_html_blocks(section.blocks, "      "))
        lines.append("    </section>")
    lines += ["  </article>", "</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- JSON


def to_json(doc: NoticeDocument) -> str:
    """Structured sections with their rendered text, for clients that lay it out themselves."""
    data = {
        "format_version": JSON_FORMAT_VERSION,
        **doc.meta,
        "lang": doc.lang,
        "direction": doc.direction,
        "title": doc.title,
        "summary": [block.data() for block in doc.summary],
        "sections": [
            {"id": s.id, "heading": s.heading, "blocks": [b.data() for b in s.blocks]}
            for s in doc.sections
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_document(doc: NoticeDocument, fmt: str) -> str:
    """``doc`` in format ``fmt`` (md, html or json)."""
    if fmt == "md":
        return to_markdown(doc)
    if fmt == "html":
        return to_html(doc)
    if fmt == "json":
        return to_json(doc)
    raise NoticeFormatError(f"unknown notice format {fmt!r}; expected one of {', '.join(FORMATS)}")
