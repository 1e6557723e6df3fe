"""Reading and writing PO/POT files safely.

Every catalog enters the pipeline through :func:`read_catalog`, which refuses
what msgfmt would refuse (syntax errors, wrong charset, duplicate messages, a
broken header) with ``path:line: what is wrong``, and leaves through
:func:`write_catalog`, which writes a temporary file beside the target and
renames it, so a reader never sees half a catalog and a failure loses nothing.

The parser and writer are our own rather than babel's ``read_po`` and
``write_po``: babel merges duplicate messages silently, rebuilds the header
from its own fields (dropping unknown ones), re-derives format flags from the
msgid, and its writer is about 3.5 times slower than this one; this module
sits on the hot path of every update, check and build. The parser validates
in the same pass and runs as fast as babel's, which validates nothing. The
result is still a babel :class:`~babel.messages.catalog.Catalog`, and what
:func:`render_catalog` writes reads back the same in babel, polib and GNU
gettext (``msgfmt --check`` accepts it).
"""

from __future__ import annotations

import codecs
import gc
import gettext
import io
import os
import re
import struct
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message

from i18n_pipeline.errors import CatalogError

_CHARSET_RE = re.compile(rb'"Content-Type:[^"\n]*?charset=([^\\"\s;]*)', re.IGNORECASE)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}  # fmt: skip
_ESCAPE_RE = re.compile(r"\\(.)")
# Known gap: octal and hex escapes (\101, \x41), which msgfmt accepts, are
# refused: babel would read them as literal text, so a file using them would
# mean different things to babel and to GNU tools. No real catalog seen uses them.
_VALID_BODY_RE = re.compile(r'(?:[^"\\]|\\[ntr"\\abfv])*')
_PLURAL_FORMS_RE = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*")
_MSGSTR_INDEX_RE = re.compile(r"msgstr\[(\d+)\]")
_TEMPLATE_CHARSET = "charset"  # gettext's placeholder in a fresh POT: charset=CHARSET


class PoCatalog(Catalog):
    """A babel ``Catalog`` that keeps its header exactly as the file had it.

    Babel rebuilds ``mime_headers`` from a fixed set of fields, so unknown
    fields (``X-Generator``...) vanish and ``Generated-By`` appears on every
    write. Here the fields read (or set) are kept in their order and spelling;
    babel's own attributes (charset, plural forms, locale) are kept in step.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.raw_headers: dict[str, str] | None = None
        self.raw_header_comment: str | None = None

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        if self.raw_headers is None:
            return super()._get_mime_headers()
        return list(self.raw_headers.items())

    def _set_mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        pairs = list(headers)
        # A template's "nplurals=INTEGER" placeholder would crash babel's int().
        super()._set_mime_headers(
            [(n, v) for n, v in pairs if not (n.lower() == "plural-forms" and "INTEGER" in v)]
        )
        if self.raw_headers is None:
            self.raw_headers = {}
        for name, value in pairs:
            for existing in [k for k in self.raw_headers if k.lower() == name.lower()]:
                del self.raw_headers[existing]
            self.raw_headers[name] = value

    def set_header(self, name: str, value: str) -> None:
        """Set one header field, keeping its place if it exists."""
        if self.raw_headers is None:
            self.raw_headers = dict(super()._get_mime_headers())
        for existing in self.raw_headers:
            if existing.lower() == name.lower():
                self.raw_headers[existing] = value
                super()._set_mime_headers([(name, value)])
                return
        self._set_mime_headers([(name, value)])


# --------------------------------------------------------------------------- reading


class _Entry:
    """One entry while it is being parsed."""

    __slots__ = ("ctxt", "ids", "strs", "str_lines", "user", "auto", "locs", "flags", "prev",
                 "prev_target", "obsolete", "line")  # fmt: skip

    def __init__(self) -> None:
        self.ctxt: list[str] | None = None
        self.ids: list[list[str]] = []
        self.strs: list[list[str]] = []
        self.str_lines: list[int] = []
        self.user: list[str] = []
        self.auto: list[str] = []
        self.locs: list[tuple[str, int | None]] = []
        self.flags: list[str] = []
        self.prev: list[list[str]] = []
        self.prev_target: list[str] | None = None
        self.obsolete = False
        self.line = 0


class _Parser:
    """Line-by-line PO parser; one tight loop because it runs on every catalog read."""

    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.entries: list[tuple[_Entry, Message]] = []
        self.messages: dict[str | tuple[str, str], Message] = {}
        self.obsolete: dict[str | tuple[str, str], Message] = {}
        self.header: _Entry | None = None
        self.seen: dict[tuple[str | None, str], int] = {}

    def error(self, line: int, message: str) -> CatalogError:
        return CatalogError(self.path, line, message)

    def unquote(self, text: str, lineno: int) -> str:
        """The value of a quoted PO string (slow path: escapes and errors)."""
        if not text.startswith('"'):
            raise self.error(lineno, f"expected a quoted string, found {_short(text)}")
        body = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or _odd_backslashes(body):
            raise self.error(
                lineno, f"unterminated string {_short(text)}; end it with a double quote"
            )
        if "\\" not in body and '"' not in body:
            return body
        if not _VALID_BODY_RE.fullmatch(body):
            if re.search(r'(?<!\\)(?:\\\\)*"', body):
                raise self.error(lineno, f"unescaped quote or backslash in {_short(text)}")
            raise self.error(lineno, f"unsupported escape sequence in {_short(text)}")
        return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(1)], body)

    def parse(self) -> None:  # noqa: C901 - one loop over lines, kept flat for speed
        entry = _Entry()
        target: list[str] | None = None
        has_keywords = False
        unquote = self.unquote
        for index, raw in enumerate(self.lines):
            line = raw.strip()
            if not line:
                continue
            first = line[0]
            if first == '"':
                if target is None:
                    raise self.error(
                        index + 1, "string continuation outside msgid, msgstr or msgctxt"
                    )
                body = line[1:-1]
                if len(line) < 2 or line[-1] != '"' or "\\" in body or '"' in body:
                    body = unquote(line, index + 1)
                target.append(body)
                continue
            obsolete = False
            if first == "#":
                if line[1:2] != "~":
                    if has_keywords:
                        self.finish(entry)
                        entry, target, has_keywords = _Entry(), None, False
                    self.comment(entry, line, index + 1)
                    continue
                line = line[2:].lstrip()
                if not line or line[0] == "|":
                    continue  # previous msgid of an obsolete entry: not kept
                if line[0] == '"':
                    if target is None or not entry.obsolete:
                        raise self.error(index + 1, "string continuation outside an entry")
                    target.append(unquote(line, index + 1))
                    continue
                obsolete = True
            elif first != "m":
                raise self.error(index + 1, f"unexpected text {_short(line)}")
            lineno = index + 1
            quote = line.find('"')
            if quote < 0:
                raise self.error(lineno, f"expected a keyword and a string, found {_short(line)}")
            word = line[:quote].rstrip()
            text = line[quote:].rstrip()
            body = text[1:-1]
            if len(text) < 2 or text[-1] != '"' or "\\" in body or '"' in body:
                body = unquote(text, lineno)
            if has_keywords and (
                entry.obsolete != obsolete or (entry.strs and word in ("msgid", "msgctxt"))
            ):
                if not entry.strs:
                    raise self.error(entry.line or lineno, "message has no msgstr")
                self.finish(entry)
                entry = _Entry()
            has_keywords = True
            entry.obsolete = obsolete
            target = [body]
            if word == "msgid":
                if entry.ids:
                    raise self.error(lineno, "msgid follows msgid without a msgstr between them")
                entry.line = lineno
                entry.ids.append(target)
            elif word == "msgstr":
                if not entry.ids or len(entry.ids) > 1 or entry.strs:
                    raise self.error(lineno, self.misplaced_msgstr(entry))
                entry.strs.append(target)
                entry.str_lines.append(lineno)
            elif word == "msgctxt":
                if entry.ctxt is not None or entry.ids:
                    raise self.error(lineno, "msgctxt must come once, before msgid")
                entry.ctxt = target
            elif word == "msgid_plural":
                if len(entry.ids) != 1 or entry.strs:
                    raise self.error(lineno, "msgid_plural must follow msgid")
                entry.ids.append(target)
            else:
                self.plural_msgstr(entry, word, lineno)
                entry.strs.append(target)
                entry.str_lines.append(lineno)
        if has_keywords:
            self.finish(entry)

    @staticmethod
    def misplaced_msgstr(entry: _Entry) -> str:
        if not entry.ids:
            return "msgstr without a msgid before it"
        if entry.strs:
            return "second msgstr for one msgid"
        return "plural message needs msgstr[0], msgstr[1]... not msgstr"

    def plural_msgstr(self, entry: _Entry, word: str, lineno: int) -> None:
        match = _MSGSTR_INDEX_RE.fullmatch(word)
        if match is None:
            raise self.error(lineno, f"unknown keyword {_short(word)}")
        if len(entry.ids) < 2:
            raise self.error(lineno, f"{word} without a msgid_plural")
        if int(match.group(1)) != len(entry.strs):
            raise self.error(lineno, f"expected msgstr[{len(entry.strs)}], found {word}")

    def comment(self, entry: _Entry, line: str, lineno: int) -> None:
        kind = line[1:2]
        if kind == ":":
            _add_locations(entry.locs, line[2:])
        elif kind == ",":
            entry.flags.extend(flag.strip() for flag in line[2:].split(","))
        elif kind == ".":
            text = line[2:].strip()
            if text:
                entry.auto.append(text)
        elif kind == "|":
            self.previous(entry, line[2:].strip(), lineno)
        elif kind == "-" and line.startswith("#-#-#-#-#"):
            raise self.error(lineno, "unresolved msgcat conflict marker")
        else:
            entry.user.append(line[1:].strip())

    def previous(self, entry: _Entry, rest: str, lineno: int) -> None:
        """A ``#|`` line: the msgid a fuzzy entry was matched from."""
        if rest.startswith('"'):
            if entry.prev_target is None:
                raise self.error(lineno, "'#|' string continuation without '#| msgid'")
            entry.prev_target.append(self.unquote(rest, lineno))
            return
        word, _, value = rest.partition(" ")
        if word == "msgctxt":
            # Known gap: the previous msgctxt is read past, not kept (babel's
            # Message has no field for it), so an update does not write it back.
            entry.prev_target = []
        elif word in ("msgid", "msgid_plural"):
            entry.prev_target = []
            entry.prev.append(entry.prev_target)
        else:
            raise self.error(lineno, f"unknown keyword {_short(word)} after '#|'")
        entry.prev_target.append(self.unquote(value.strip(), lineno))

    def finish(self, entry: _Entry) -> None:
        if not entry.ids:
            raise self.error(entry.line or 1, "msgctxt without a msgid")
        if not entry.strs:
            raise self.error(entry.line, "message has no msgstr")
        ids = entry.ids
        msgid = "".join(ids[0]) if len(ids[0]) > 1 else ids[0][0]
        ctxt = "".join(entry.ctxt) if entry.ctxt is not None else None
        # msgfmt counts an obsolete entry with the msgid of an active one as a duplicate too.
        first = self.seen.get((ctxt, msgid))
        if first is not None:
            raise self.error(
                entry.line,
                f"duplicate message {_short(msgid)}{_ctxt_note(ctxt)}, first defined at line"
                f" {first}; merge the two entries into one",
            )
        self.seen[(ctxt, msgid)] = entry.line
        if not msgid:
            self.header_entry(entry, ctxt)
            return
        message = Message.__new__(Message)
        if len(ids) > 1:
            message.id = (msgid, "".join(ids[1]))
            message.string = tuple("".join(parts) for parts in entry.strs)
        else:
            message.id = msgid
            strs = entry.strs[0]
            message.string = "".join(strs) if len(strs) > 1 else strs[0]
        # Flags exactly as written: babel's Message() would add or drop
        # python-format by guessing from the msgid, changing files on rewrite.
        message.flags = set(entry.flags)
        message.locations = entry.locs  # type: ignore[assignment]
        message.auto_comments = entry.auto
        message.user_comments = entry.user
        message.previous_id = ["".join(parts) for parts in entry.prev]
        message.lineno = entry.line
        message.context = ctxt
        key = msgid if ctxt is None else (msgid, ctxt)
        (self.obsolete if entry.obsolete else self.messages)[key] = message
        self.entries.append((entry, message))

    def header_entry(self, entry: _Entry, ctxt: str | None) -> None:
        if ctxt is not None or entry.obsolete:
            raise self.error(entry.line, "empty msgid outside the header")
        if self.header is not None or self.entries:
            raise self.error(entry.line, "header entry (empty msgid) must come first")
        if len(entry.ids) > 1:
            raise self.error(entry.line, "header entry cannot be a plural message")
        self.header = entry


def _short(text: str, limit: int = 40) -> str:
    """``text`` quoted for an error message, cut to ``limit`` characters.

    >>> _short('msgid "abc"')
    '\\'msgid "abc"\\''
    """
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _odd_backslashes(body: str) -> bool:
    r"""Whether ``body`` ends in an odd run of backslashes (so its closing quote is escaped).

    >>> _odd_backslashes('a\\'), _odd_backslashes('a\\\\'), _odd_backslashes('a')
    (True, False, False)
    """
    return body.endswith("\\") and (len(body) - len(body.rstrip("\\"))) % 2 == 1


def _ctxt_note(ctxt: str | None) -> str:
    return "" if ctxt is None else f" (msgctxt {ctxt!r})"


def _add_locations(into: list[tuple[str, int | None]], text: str) -> None:
    """Parse a ``#:`` line the way babel does (``file:line`` or bare ``file``)."""
    for location in text.split():
        name, colon, number = location.rpartition(":")
        if not colon:
            into.append((location, None))
        elif number.isdigit():
            into.append((name, int(number)))


def _decode(path: Path, data: bytes) -> tuple[str, str | None]:
    """Decode ``data`` with the charset its header declares; return text and charset."""
    match = _CHARSET_RE.search(data)
    declared = match.group(1).decode("ascii", "replace") if match else None
    charset = declared if declared and declared.lower() != _TEMPLATE_CHARSET else "utf-8"
    line = data.count(b"\n", 0, match.start()) + 1 if match else 1
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise CatalogError(path, line, f"unknown charset {charset!r} in Content-Type") from None
    if codec.name == "utf-8":
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
    elif not data.isascii():
        _refuse_mislabelled_utf8(path, data, charset, line)
    try:
        return data.decode(codec.name), declared
    except UnicodeDecodeError as exc:
        bad = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(
            path,
            bad,
            f"bytes {data[exc.start : exc.start + 4]!r} are not valid {charset}"
            f" (the charset the header declares); re-save the file as {charset}",
        ) from None


def _refuse_mislabelled_utf8(path: Path, data: bytes, charset: str, line: int) -> None:
    """Refuse non-ASCII UTF-8 bytes under an 8-bit (non-UTF-8) ``charset`` header.

    Text in Latin-1, KOI8-R, Shift_JIS... is almost never valid UTF-8 once it
    holds non-ASCII characters, so such a file was saved as UTF-8 and its
    header is wrong; decoding it as declared would compile to mojibake.
    ``line`` is the Content-Type line, where the fix goes.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # really in the declared charset (or broken, which decode() reports)
    first = re.search(rb"[\x80-\xff]", data)
    at = data.count(b"\n", 0, first.start()) + 1 if first else line
    raise CatalogError(
        path, line,
        f"header declares {charset} but the file is UTF-8 (first non-ASCII text at line {at});"
        " fix the Content-Type charset",
    )  # fmt: skip


def _header_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for field in text.split("\n"):
        name, colon, value = field.partition(":")
        if colon and name.strip():
            pairs.append((name.strip(), value.strip()))
    return pairs


def _field_line(parser: _Parser, name: str) -> int:
    """Line of header field ``name`` (or of the header's msgstr)."""
    header = parser.header
    assert header is not None
    start = header.str_lines[0] - 1
    needle = f'"{name.lower()}:'
    for index in range(start, min(start + 200, len(parser.lines))):
        if parser.lines[index].strip().lower().startswith(needle):
            return index + 1
    return header.str_lines[0]


def _check_header(parser: _Parser, headers: dict[str, str], declared: str | None) -> int | None:
    """Refuse a header msgfmt would refuse; return nplurals when the header declares it."""
    path = parser.path
    is_template = path.suffix == ".pot"
    has_plurals = any(len(entry.ids) > 1 for entry, _ in parser.entries)
    if parser.header is None:
        if is_template or not parser.entries:
            return None
        raise CatalogError(path, 1, 'no header entry (msgid "") with Content-Type and charset')
    content_type = headers.get("content-type")
    if not is_template and (
        not content_type or declared is None or declared.lower() == _TEMPLATE_CHARSET
    ):
        line = _field_line(parser, "Content-Type") if content_type else parser.header.line
        raise CatalogError(
            path, line,
            'header needs "Content-Type: text/plain; charset=UTF-8" (a real charset)',
        )  # fmt: skip
    forms = headers.get("plural-forms")
    if forms is None:
        if has_plurals and not is_template:
            raise CatalogError(
                path, parser.header.line,
                "catalog has plural messages but the header has no Plural-Forms",
            )  # fmt: skip
        return None
    if is_template and "INTEGER" in forms:
        return None
    return _check_plural_forms(path, _field_line(parser, "Plural-Forms"), forms)


def _check_plural_forms(path: Path, line: int, forms: str) -> int:
    match = _PLURAL_FORMS_RE.fullmatch(forms)
    if match is None:
        raise CatalogError(
            path, line,
            f"malformed Plural-Forms {forms!r}; expected 'nplurals=N; plural=EXPRESSION;'",
        )  # fmt: skip
    nplurals = int(match.group(1))
    try:
        func = gettext.c2py(match.group(2))
        values = {func(n) for n in range(1000)}
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError, TypeError):
        raise CatalogError(path, line, f"invalid plural expression {match.group(2)!r}") from None
    if nplurals < 1 or max(values) >= nplurals or min(values) < 0:
        raise CatalogError(
            path, line,
            f"plural expression gives form {max(values)} but nplurals is {nplurals}",
        )  # fmt: skip
    return nplurals


def _forms_of(message: Message) -> list[str]:
    string = message.string
    return list(string) if isinstance(string, (list, tuple)) else [string or ""]


def _check_plural_counts(parser: _Parser, nplurals: int | None) -> None:
    """Translated, non-fuzzy plural messages need exactly ``nplurals`` forms (msgfmt's rule)."""
    if nplurals is None:
        return
    for entry, message in parser.entries:
        if len(entry.ids) < 2 or entry.obsolete or "fuzzy" in message.flags:
            continue
        if len(entry.strs) != nplurals and any(_forms_of(message)):
            raise CatalogError(
                parser.path, entry.line,
                f"plural message has {len(entry.strs)} msgstr[] forms but the header's"
                f" Plural-Forms says nplurals={nplurals}",
            )  # fmt: skip


def parse_catalog(
    path: Path, data: bytes, *, locale: str | None = None, domain: str | None = None
) -> PoCatalog:
    """Parse PO bytes (``path`` names them in errors); see :func:`read_catalog`."""
    text, declared = _decode(path, data)
    parser = _Parser(path, text.split("\n"))
    # The parse allocates tens of thousands of small lists that all stay alive;
    # the cyclic collector would rescan them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser.parse()
    finally:
        if collecting:
            gc.enable()
    header = parser.header
    pairs = _header_pairs("".join(header.strs[0])) if header else []
    headers = {name.lower(): value for name, value in pairs}
    nplurals = _check_header(parser, headers, declared)
    _check_plural_counts(parser, nplurals)

    catalog = PoCatalog(domain=domain or path.stem, fuzzy=False, header_comment="")
    catalog.raw_header_comment = "\n".join(f"# {c}".rstrip() for c in header.user) if header else ""
    if header is not None:
        catalog.fuzzy = "fuzzy" in header.flags
        try:
            catalog.mime_headers = pairs
        except (UnknownLocaleError, ValueError) as exc:
            raise CatalogError(path, header.line, f"invalid header value: {exc}") from None
        if declared and declared.lower() != _TEMPLATE_CHARSET:
            catalog.charset = declared.lower()
    if locale is not None:
        catalog.locale = locale
    catalog._messages = parser.messages
    catalog.obsolete = parser.obsolete
    return catalog


def read_catalog(path: Path, *, locale: str | None = None, domain: str | None = None) -> Catalog:
    """Parse the PO or POT file at ``path`` into a babel ``Catalog``.

    Raises :class:`CatalogError` naming the file and line of the first problem:
    a syntax error, bytes not valid in the declared charset, an unknown
    charset, a duplicate message (same msgctxt and msgid), or a broken header
    (no charset, malformed Plural-Forms, plural messages whose number of
    forms does not match ``nplurals``). Templates (``.pot``) may keep
    gettext's ``CHARSET`` and ``nplurals=INTEGER`` placeholders.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(path, None, f"cannot read: {exc.strerror}") from None
    return parse_catalog(path, data, locale=locale, domain=domain)


# --------------------------------------------------------------------------- writing


def _escape(text: str) -> str:
    r"""Escape ``text`` for a PO string literal.

    >>> _escape('say "hi"\n')
    'say \\"hi\\"\\n'
    """
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\t" in text:
        text = text.replace("\t", "\\t")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    if "\a" in text or "\b" in text or "\f" in text or "\v" in text:
        text = text.replace("\a", "\\a").replace("\b", "\\b").replace("\f", "\\f")
        text = text.replace("\v", "\\v")
    return text


_WORD_RE = re.compile(r"[^ ]* *")


def _string_lines(prefix: str, keyword: str, text: str, width: int) -> Iterator[str]:
    """The lines of one ``keyword "text"`` field, wrapped as GNU gettext wraps them.

    >>> list(_string_lines("", "msgid", "short", 79))
    ['msgid "short"']
    >>> list(_string_lines("", "msgstr", "a\\nb", 79))
    ['msgstr ""', '"a\\\\n"', '"b"']
    """
    # Known gap: width is counted in code points and lines break only at spaces;
    # GNU counts East Asian wide characters as two columns and also breaks
    # between ideographs, so long CJK lines stay longer here (valid, not GNU's layout).
    head = f"{prefix}{keyword} "
    if "\n" not in text[:-1]:
        escaped = _escape(text)
        if len(head) + len(escaped) + 2 <= width:
            yield f'{head}"{escaped}"'
            return
        pieces = [escaped]
    else:
        parts = text.split("\n")
        pieces = [_escape(part + "\n") for part in parts[:-1]]
        if parts[-1]:
            pieces.append(_escape(parts[-1]))
    yield f'{head}""'
    room = width - len(prefix) - 2
    for piece in pieces:
        if len(piece) <= room:
            yield f'{prefix}"{piece}"'
            continue
        current = ""
        for word in _WORD_RE.findall(piece):
            if current and len(current) + len(word) > room:
                yield f'{prefix}"{current}"'
                current = ""
            current += word
        if current:
            yield f'{prefix}"{current}"'


def _location_lines(locations: Sequence[tuple[str, int | None]], width: int) -> Iterator[str]:
    line = "#:"
    for name, number in locations:
        item = f"{name}:{number}" if number is not None else name
        if len(line) > 2 and len(line) + 1 + len(item) > width:
            yield line
            line = "#:"
        line += " " + item
    if len(line) > 2:
        yield line


def _flag_text(flags: Iterable[str]) -> str:
    ordered = sorted(f for f in flags if f and f != "fuzzy")
    if "fuzzy" in flags:
        ordered.insert(0, "fuzzy")
    return "#, " + ", ".join(ordered)


def _message_lines(message: Message, width: int, *, obsolete: bool, nplurals: int) -> list[str]:
    out = [f"# {c}".rstrip() for c in message.user_comments]
    prefix = "#~ " if obsolete else ""
    if not obsolete:
        out.extend(f"#. {c}" for c in message.auto_comments)
        if message.locations:
            out.extend(_location_lines(message.locations, width))
    if message.flags - {""}:
        out.append(_flag_text(message.flags))
    if not obsolete and message.previous_id:
        out.extend(_string_lines("#| ", "msgid", message.previous_id[0], width))
        if len(message.previous_id) > 1:
            out.extend(_string_lines("#| ", "msgid_plural", message.previous_id[1], width))
    if message.context is not None:
        out.extend(_string_lines(prefix, "msgctxt", message.context, width))
    if isinstance(message.id, (list, tuple)):
        out.extend(_string_lines(prefix, "msgid", message.id[0], width))
        out.extend(_string_lines(prefix, "msgid_plural", message.id[1], width))
        forms = list(message.string) if isinstance(message.string, (list, tuple)) else []
        forms = forms or [""] * nplurals
        for index, form in enumerate(forms):
            out.extend(_string_lines(prefix, f"msgstr[{index}]", form or "", width))
    else:
        out.extend(_string_lines(prefix, "msgid", message.id, width))
        string = message.string if isinstance(message.string, str) else ""
        out.extend(_string_lines(prefix, "msgstr", string or "", width))
    return out


def _header_lines(catalog: Catalog) -> list[str]:
    if isinstance(catalog, PoCatalog) and catalog.raw_header_comment is not None:
        comment = catalog.raw_header_comment
    else:
        comment = catalog.header_comment
    out = [line for line in comment.split("\n") if line] if comment else []
    if catalog.fuzzy:
        out.append("#, fuzzy")
    out += ['msgid ""', 'msgstr ""']
    out.extend(f'"{_escape(f"{name}: {value}")}\\n"' for name, value in catalog.mime_headers)
    return out


def render_catalog(catalog: Catalog, *, width: int = 79, path: Path | None = None) -> bytes:
    """Serialize ``catalog`` as PO bytes, obsolete entries kept, previous msgids kept.

    The layout is GNU gettext's (msgmerge's wrapping at ``width`` columns), so
    a file our tools and GNU's both touch does not flip between two styles.
    Text the header's charset cannot hold raises :class:`CatalogError` naming
    ``path`` (the file being written; the domain when not given) and the line
    of its Content-Type header, where the fix goes.
    """
    nplurals = catalog.num_plurals
    blocks = ["\n".join(_header_lines(catalog))]
    for message in catalog._messages.values():
        blocks.append("\n".join(_message_lines(message, width, obsolete=False, nplurals=nplurals)))
    for message in catalog.obsolete.values():
        blocks.append("\n".join(_message_lines(message, width, obsolete=True, nplurals=nplurals)))
    text = "\n\n".join(blocks) + "\n"
    where = path or catalog.domain or "catalog"
    try:
        return text.encode(catalog.charset)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise CatalogError(
            where, _content_type_line(text),
            f"text {bad!r}{_message_note(catalog, bad)} cannot be written in charset"
            f" {catalog.charset!r}; switch the Content-Type charset to UTF-8",
        ) from None  # fmt: skip
    except LookupError:
        raise CatalogError(
            where, _content_type_line(text), f"unknown charset {catalog.charset!r}"
        ) from None


def _content_type_line(text: str) -> int | None:
    """Line of the header's Content-Type field in rendered PO ``text``."""
    at = text.find('"Content-Type:')
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _message_note(catalog: Catalog, bad: str) -> str:
    """`` in msgid '...'`` for the first message holding ``bad`` text (error path only)."""
    for message in (*catalog._messages.values(), *catalog.obsolete.values()):
        ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
        if any(bad in text for text in (message.context or "", *ids, *_forms_of(message))):
            return f" (in msgid {_short(ids[0])})"
    return ""


def render_mo(catalog: Catalog) -> bytes:
    """Compile ``catalog`` to GNU MO bytes: translated entries only, fuzzy ones left out.

    A plural message is compiled only when every form is translated, so a
    runtime never shows an empty string for some count; it falls back to the
    source text instead, as for an untranslated message.
    """
    charset = catalog.charset or "utf-8"
    # Like msgfmt, leave POT-Creation-Date out: a template refresh alone changes no MO.
    header = "".join(
        f"{name}: {value}\n"
        for name, value in catalog.mime_headers
        if name.lower() != "pot-creation-date"
    )
    pairs: list[tuple[bytes, bytes]] = [(b"", header.encode(charset))]
    for message in catalog._messages.values():
        if "fuzzy" in message.flags or not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            forms = message.string if isinstance(message.string, (list, tuple)) else ()
            if not forms or not all(forms):
                continue
            original = "\x00".join(message.id[:2])
            translation = "\x00".join(forms)
        else:
            if not message.string:
                continue
            original, translation = message.id, str(message.string)
        if message.context is not None:
            original = f"{message.context}\x04{original}"
        pairs.append((original.encode(charset), translation.encode(charset)))
    pairs.sort()
    return _mo_bytes(pairs)


def _mo_bytes(pairs: list[tuple[bytes, bytes]]) -> bytes:
    count = len(pairs)
    originals_at = 28
    translations_at = originals_at + 8 * count
    data_at = translations_at + 8 * count
    table = io.BytesIO()
    blob = io.BytesIO()
    offsets: list[tuple[int, int]] = []
    for original, _ in pairs:
        offsets.append((len(original), data_at + blob.tell()))
        blob.write(original + b"\x00")
    for _, translation in pairs:
        offsets.append((len(translation), data_at + blob.tell()))
        blob.write(translation + b"\x00")
    for length, offset in offsets:
        table.write(struct.pack("<II", length, offset))
    head = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    return head + table.getvalue() + blob.getvalue()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write ``catalog`` to ``path`` atomically."""
    write_bytes_atomic(path, render_catalog(catalog, path=path))
