"""Helpers for the notice tests: a strict HTML well-formedness referee and catalog edits."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from i18n_pipeline.pofile import read_catalog, write_catalog

VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr"}


class StrictHTML(HTMLParser):
    """Records the tree shape and every nesting error html.parser lets through."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.counts: dict[str, int] = {}
        self.attrs: dict[str, list[dict[str, str | None]]] = {}
        self.doctype: str | None = None
        self.text: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.attrs.setdefault(tag, []).append(dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(text: str) -> StrictHTML:
    """Parse ``text``; the caller asserts on ``errors``, ``stack`` and the counts."""
    parser = StrictHTML()
    parser.feed(text)
    parser.close()
    return parser


def edit_message(path: Path, msgid: str, *, fuzzy: bool = False, clear: bool = False) -> None:
    """Mark one message of a PO file fuzzy, or empty its translation, in place."""
    catalog = read_catalog(path)
    message = catalog.get(msgid)
    assert message is not None, f"{msgid!r} is not in {path}"
    if fuzzy:
        message.flags.add("fuzzy")
    if clear:
        forms = message.string
        message.string = ("",) * len(forms) if isinstance(forms, (list, tuple)) else ""
    write_catalog(catalog, path)
