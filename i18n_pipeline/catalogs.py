"""The catalog workflow: update PO files from their template, start and compile them.

:func:`update_catalog` merges one catalog with msgmerge's rules (exact
matches keep their translation, changed messages are matched by similarity
and marked fuzzy with the previous msgid, removed ones become obsolete), and
never drops a translation, not even the plural forms of a message that lost
its plural (they are kept in labelled translator comments).
:func:`update_locales`, :func:`init_catalog` and :func:`compile_catalogs`
apply that to the project's ``locales/`` tree: all inputs are read and
checked before anything is written, every write is atomic, and work whose
inputs did not change since the last run is skipped by content hash
(``var/cache/*.json``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from rapidfuzz import process
from rapidfuzz.distance import Indel

from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CatalogError, PipelineError
from i18n_pipeline.layout import CatalogRef, catalog_path, iter_catalogs, mo_path, template_path
from i18n_pipeline.pofile import (
    PoCatalog,
    parse_catalog,
    read_catalog,
    render_catalog,
    render_mo,
    write_bytes_atomic,
)

log = logging.getLogger(__name__)

#: Similarity (0..1) a changed msgid needs to inherit an old translation as
#: fuzzy; msgmerge's fuzzy threshold is the same 0.6 on the same measure.
FUZZY_THRESHOLD = 0.6
#: Bump when the merge rules or the writer change, so cached no-op results expire.
CACHE_VERSION = "2"
#: Below this many catalogs to process, worker processes cost more than they save.
PARALLEL_MIN = 8
#: Label of the translator comments that keep plural forms a reshaped message
#: has no msgstr for (see :func:`update_catalog`).
KEPT_FORM_LABEL = "previous msgstr"
_KEPT_FORM_RE = re.compile(re.escape(KEPT_FORM_LABEL) + r'\[(\d+)\]: ("(?:[^"\\]|\\.)*")')

Progress = Callable[[int, int, CatalogRef], None]


class InvalidCatalogs(PipelineError):
    """Several catalogs cannot be read; one ``path:line: what`` line each."""

    def __init__(self, errors: Sequence[CatalogError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class MergeCounts:
    """What an update did to one catalog."""

    added: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class UpdateResult:
    """The outcome of updating one catalog; ``changed`` means its file differs (or did)."""

    locale: str
    domain: str
    path: Path
    added: int
    fuzzy: int
    obsolete: int
    unchanged: int
    changed: bool
    cached: bool = False


@dataclass(frozen=True)
class CatalogStats:
    """Message counts of one catalog, as ``msgfmt --statistics`` reports them."""

    locale: str
    domain: str
    translated: int
    fuzzy: int
    untranslated: int


# --------------------------------------------------------------------------- merging


def _forms(string: object) -> list[str]:
    if isinstance(string, (list, tuple)):
        return [s or "" for s in string]
    return [string] if isinstance(string, str) else [""]


def _translated(message: Message) -> bool:
    return any(_forms(message.string))


def _worth_keeping(message: Message) -> bool:
    """Translated, or holding plural forms in kept-form comments."""
    return _translated(message) or any(
        c.startswith(KEPT_FORM_LABEL) and parse_kept_form(c) for c in message.user_comments
    )


def _adapt(
    template: Message, old: Message, nplurals: int
) -> tuple[str | tuple[str, ...], bool, list[str]]:
    """Old translation shaped for ``template``; whether the shape changed; the comments to keep.

    Forms the new shape has no room for (msgstr[1:] of a message that lost
    its plural, forms past ``nplurals``) go to labelled translator comments;
    a message that regains its plural takes them back from those comments.
    """
    if isinstance(template.id, str) and isinstance(old.id, str) and isinstance(old.string, str):
        return old.string, False, list(old.user_comments)  # singular to singular: most calls
    forms = _forms(old.string)
    comments = old.user_comments
    if template.pluralizable:
        size, reshaped = nplurals, not old.pluralizable
        if reshaped and comments:
            forms, comments = _restore_forms(forms, comments, nplurals)
        forms = forms + [""] * (nplurals - len(forms))
    else:
        size, reshaped = 1, old.pluralizable
    if len(forms) > size:
        comments = _keep_forms(comments, forms, size)
        forms = forms[:size]
    string = tuple(forms) if template.pluralizable else forms[0]
    return string, reshaped, list(comments)


def kept_form_comment(index: int, text: str) -> str:
    r"""The translator comment that keeps plural form ``index``: a stable, labelled line.

    The text is JSON-quoted, so newlines and quotes stay on one comment line.

    >>> kept_form_comment(1, "{n} fichiers")
    'previous msgstr[1]: "{n} fichiers"'
    >>> parse_kept_form(kept_form_comment(2, 'a "b"\nc'))
    (2, 'a "b"\nc')
    """
    return f"{KEPT_FORM_LABEL}[{index}]: {json.dumps(text, ensure_ascii=False)}"


def parse_kept_form(comment: str) -> tuple[int, str] | None:
    """``(index, text)`` of a :func:`kept_form_comment` line, None for any other comment.

    >>> parse_kept_form("Validated by legal.") is None
    True
    """
    match = _KEPT_FORM_RE.fullmatch(comment)
    if match is None:
        return None
    try:
        text = json.loads(match.group(2))
    except ValueError:
        return None
    return (int(match.group(1)), text) if isinstance(text, str) else None


def _keep_forms(comments: list[str], forms: list[str], size: int) -> list[str]:
    """``comments`` plus a kept-form line for each non-empty form from ``size`` on, once."""
    kept = list(comments)
    for index in range(size, len(forms)):
        line = kept_form_comment(index, forms[index])
        if forms[index] and line not in kept:
            kept.append(line)
    return kept


def _restore_forms(
    forms: list[str], comments: list[str], nplurals: int
) -> tuple[list[str], list[str]]:
    """Forms refilled from kept-form comments that fit ``nplurals``; the other comments."""
    forms = forms + [""] * (nplurals - len(forms))
    rest = []
    for comment in comments:
        kept = parse_kept_form(comment)
        if kept is not None and 0 < kept[0] < nplurals and not forms[kept[0]]:
            forms[kept[0]] = kept[1]
        else:
            rest.append(comment)
    return forms, rest


def _blank(template: Message, nplurals: int) -> Message:
    string: str | tuple[str, ...] = ("",) * nplurals if template.pluralizable else ""
    return _build(template, string, set(), list(template.user_comments), [])


def _build(
    template: Message,
    string: str | tuple[str, ...],
    flags: set[str],
    user_comments: list[str],
    previous: list[str],
) -> Message:
    message = Message.__new__(Message)
    message.id = template.id
    message.context = template.context
    message.string = string
    message.flags = (set(template.flags) - {"fuzzy"}) | flags
    message.locations = list(template.locations)
    message.auto_comments = list(template.auto_comments)
    message.user_comments = user_comments
    message.previous_id = previous
    message.lineno = None
    return message


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _carry(template: Message, old: Message, nplurals: int, *, matched: bool) -> Message:
    """``template`` with ``old``'s translation; fuzzy when the match is not exact."""
    string, reshaped, comments = _adapt(template, old, nplurals)
    if not any(_forms(string)):
        return _build(template, string, set(), comments, [])
    plural_changed = _ids(template)[1:] != _ids(old)[1:]
    fuzzy = not matched or reshaped or plural_changed or old.fuzzy
    if not matched or reshaped or plural_changed:
        previous = _ids(old)
    elif old.fuzzy:
        previous = list(old.previous_id)
    else:
        previous = []
    return _build(template, string, {"fuzzy"} if fuzzy else set(), comments, previous)


def _obsolete(old: Message) -> Message:
    # Known gap: an obsolete entry keeps no previous msgid (msgmerge writes
    # "#~| msgid"): pofile's parser reads past those lines and its writer has
    # no obsolete form of them, so the hint of what a fuzzy entry was matched
    # from is gone once it is retired. Its translation and comments are kept.
    message = Message.__new__(Message)
    message.__dict__.update(old.__dict__)
    message.flags = {"fuzzy"} & set(old.flags)
    message.locations, message.auto_comments, message.previous_id = [], [], []
    message.user_comments = list(old.user_comments)
    return message


def _key(message: Message) -> str | tuple[str, str]:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return msgid if message.context is None else (msgid, message.context)


class _FuzzyIndex:
    """Finds the old message most similar to a new msgid (msgmerge's fuzzy search).

    The score is the Indel similarity ``2 * LCS / (len(a) + len(b))``, the
    measure behind msgmerge's ``fstrcmp``, computed by rapidfuzz in C++.
    """

    def __init__(self, candidates: list[Message]) -> None:
        self.candidates = candidates
        self.texts = [_ids(m)[0] for m in candidates]

    def best(self, text: str, context: str | None) -> Message | None:
        if not self.candidates:
            return None
        found = process.extract(
            text, self.texts, scorer=Indel.normalized_similarity,
            score_cutoff=FUZZY_THRESHOLD, limit=8,
        )  # fmt: skip
        if not found:
            return None
        # Highest score first; a tie goes to the same msgctxt, then to the earlier entry.
        ranked = sorted(found, key=lambda hit: (-hit[1], self.candidates[hit[2]].context != context,
                                                hit[2]))  # fmt: skip
        return self.candidates[ranked[0][2]]


def merge_catalog(
    template: Catalog, po: Catalog, *, no_fuzzy: bool = False
) -> tuple[PoCatalog, MergeCounts]:
    """:func:`update_catalog`, also returning what changed."""
    nplurals = po.num_plurals
    out = _copy_header(template, po)
    old, old_obsolete = po._messages, po.obsolete
    merged: dict[str | tuple[str, str], Message] = {}
    pending: list[tuple[str | tuple[str, str], Message]] = []
    used: set[str | tuple[str, str]] = set()
    used_obsolete: set[str | tuple[str, str]] = set()
    added = fuzzy = 0
    for key, tmsg in template._messages.items():
        if key in old:
            merged[key] = _carry(tmsg, old[key], nplurals, matched=True)
            used.add(key)
            fuzzy += merged[key].fuzzy and not old[key].fuzzy
        elif key in old_obsolete and _worth_keeping(old_obsolete[key]):
            revived = _carry(tmsg, old_obsolete[key], nplurals, matched=True)
            if _translated(revived):  # not when only kept-form comments came back
                revived.flags.add("fuzzy")  # retired text: a translator confirms it first
                fuzzy += 1
            merged[key] = revived
            used_obsolete.add(key)
        else:
            merged[key] = tmsg  # placeholder, keeps template order
            pending.append((key, tmsg))

    leftovers = [
        m for k, m in old.items() if k not in used and k not in merged and _worth_keeping(m)
    ]
    retired = [m for k, m in old_obsolete.items() if k not in used_obsolete and _worth_keeping(m)]
    index = _FuzzyIndex([] if no_fuzzy else leftovers + retired)
    for key, tmsg in pending:
        match = index.best(_ids(tmsg)[0], tmsg.context)
        if match is None:
            merged[key] = _blank(tmsg, nplurals)
            added += 1
            continue
        merged[key] = _carry(tmsg, match, nplurals, matched=False)
        fuzzy += 1
        (used if _key(match) in old and old[_key(match)] is match else used_obsolete).add(
            _key(match)
        )

    obsolete: dict[str | tuple[str, str], Message] = {}
    for message in leftovers:
        if _key(message) not in used:
            obsolete[_key(message)] = _obsolete(message)
    newly_obsolete = len(obsolete)
    for message in retired:
        if _key(message) not in used_obsolete and _key(message) not in merged:
            obsolete.setdefault(_key(message), _obsolete(message))

    unchanged = sum(1 for m in merged.values() if not m.fuzzy and _translated(m))
    out._messages = merged
    out.obsolete = obsolete
    return out, MergeCounts(added, fuzzy, newly_obsolete, unchanged)


def _copy_header(template: Catalog, po: Catalog) -> PoCatalog:
    out = PoCatalog(domain=po.domain, header_comment="", fuzzy=po.fuzzy)
    if isinstance(po, PoCatalog) and po.raw_header_comment is not None:
        out.raw_header_comment = po.raw_header_comment
    else:
        out.raw_header_comment = po.header_comment
    out.mime_headers = po.mime_headers
    out.charset = po.charset
    if out.locale is None and po.locale is not None:
        out.locale = po.locale
    out._num_plurals, out._plural_expr = po.num_plurals, po.plural_expr  # type: ignore[assignment]
    created = dict((name.lower(), value) for name, value in template.mime_headers)
    if "pot-creation-date" in created:
        out.set_header("POT-Creation-Date", created["pot-creation-date"])
    return out


def update_catalog(template: Catalog, po: Catalog, *, no_fuzzy: bool = False) -> Catalog:
    """Merge ``po`` with ``template`` the way msgmerge does; return the new catalog.

    Messages come in template order. An exact (msgctxt, msgid) match keeps its
    translation and translator comments and takes locations, extracted
    comments and flags from the template; a new msgid similar to an old one
    (Indel similarity >= :data:`FUZZY_THRESHOLD`) inherits its translation,
    marked fuzzy with the old msgid as previous msgid; other new ones stay
    untranslated; removed translated ones become obsolete. Plural forms are
    padded to the catalog's ``nplurals``. The header is kept except
    POT-Creation-Date, taken from the template. ``no_fuzzy`` turns off the
    similarity search.

    No translated form is ever lost. When a message loses its plural (or has
    more forms than ``nplurals``), msgmerge keeps only msgstr[0]; here each
    other non-empty form is also kept, as a translator comment of the fuzzy
    entry labelled ``previous msgstr[N]: "<JSON-quoted text>"``
    (:func:`kept_form_comment`). When the message regains its plural, those
    comments fill the empty forms again and go away. A comment rather than
    an obsolete copy of the old entry, because the most common case keeps
    the same (msgctxt, msgid), and msgfmt rejects an obsolete entry that
    repeats an active one; one mechanism for every case also keeps the forms
    beside the entry they belong to, where every PO editor shows translator
    comments, and translator comments travel with the translation through
    later fuzzy matches and into obsolete entries. The line is only added
    when it is not there yet, so a second update changes nothing.
    """
    return merge_catalog(template, po, no_fuzzy=no_fuzzy)[0]


# --------------------------------------------------------------------------- the tree


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _cache_path(settings: Settings, name: str) -> Path:
    return settings.var_path / "cache" / f"{name}.json"


def _load_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _save_cache(path: Path, entries: dict[str, Any]) -> None:
    payload = {"version": CACHE_VERSION, "entries": entries}
    write_bytes_atomic(path, json.dumps(payload, indent=1, sort_keys=True).encode())


def discover_locales(locales_dir: Path) -> list[str]:
    """Locale directories that hold an ``LC_MESSAGES`` folder, sorted."""
    if not locales_dir.is_dir():
        return []
    return sorted(p.name for p in locales_dir.iterdir() if (p / "LC_MESSAGES").is_dir())


def discover_domains(locales_dir: Path) -> list[str]:
    """Domains that have a template (``locales/<domain>.pot``), sorted."""
    if not locales_dir.is_dir():
        return []
    return sorted(p.stem for p in locales_dir.glob("*.pot"))


def _select(
    settings: Settings, locales: Iterable[str] | None, domains: Iterable[str] | None
) -> list[CatalogRef]:
    root = settings.locales_path
    chosen_domains = list(domains) if domains else discover_domains(root)
    chosen_locales = list(locales) if locales else discover_locales(root)
    refs = list(iter_catalogs(root, chosen_locales, chosen_domains))
    if locales:
        for locale in chosen_locales:
            if not any(ref.locale == locale for ref in refs):
                path = catalog_path(root, locale, chosen_domains[0] if chosen_domains else "")
                raise CatalogError(path, None, f"no catalog for locale {locale!r}; run `i18n init`")
    return refs


def _run_all(func: Callable[..., Any], jobs: list[tuple[Any, ...]], workers: int) -> Iterable[Any]:
    """``func(*job)`` for every job, in order; across processes when it pays off."""
    if workers < 2 or len(jobs) < PARALLEL_MIN:
        for job in jobs:
            yield func(*job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(jobs) // (workers * 4))
        yield from pool.map(func, *zip(*jobs, strict=True), chunksize=chunk)


def _default_workers() -> int:
    return min(2, os.cpu_count() or 1)


_TEMPLATES: dict[tuple[str, str], Catalog] = {}


def _template(path: Path, digest: str) -> Catalog:
    """Parsed template, once per process and content."""
    key = (str(path), digest)
    if key not in _TEMPLATES:
        _TEMPLATES.clear()
        _TEMPLATES[key] = read_catalog(path)
    return _TEMPLATES[key]


ErrorTuple = tuple[str, int | None, str]


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector: a merge makes thousands of objects that all stay alive."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _update_job(
    template: Path, digest: str, po_path: Path, no_fuzzy: bool
) -> tuple[MergeCounts, bytes | None, ErrorTuple | None]:
    """Worker: merge one catalog; the new bytes when they differ from the file."""
    try:
        data = po_path.read_bytes()
        po = parse_catalog(po_path, data)
        with _no_cyclic_gc():
            merged, counts = merge_catalog(_template(template, digest), po, no_fuzzy=no_fuzzy)
            new = render_catalog(merged, path=po_path)
    except CatalogError as exc:
        return MergeCounts(), None, (str(exc.path), exc.line, exc.message)
    except OSError as exc:
        return MergeCounts(), None, (str(po_path), None, f"cannot read: {exc.strerror}")
    return counts, (None if new == data else new), None


def update_locales(
    settings: Settings,
    locales: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    check: bool = False,
    progress: Progress | None = None,
    *,
    no_fuzzy: bool = False,
    workers: int | None = None,
) -> list[UpdateResult]:
    """Update every selected catalog from its domain's template.

    All catalogs are merged and checked first; if any is invalid nothing is
    written and :class:`CatalogError` (or :class:`InvalidCatalogs`) is raised.
    Only files whose bytes change are rewritten, atomically; a second run is
    a no-op. With ``check`` nothing is written at all and the results say
    what would change. Catalogs whose template and file hashes match the
    cache of the previous run (``var/cache/update.json``) are not re-merged.
    """
    refs = _select(settings, locales, domains)
    root = settings.locales_path
    templates: dict[str, tuple[Path, str]] = {}
    for domain in sorted({ref.domain for ref in refs}):
        path = template_path(root, domain)
        try:
            templates[domain] = (path, _sha(path.read_bytes()))
        except OSError:
            raise CatalogError(path, None, "template missing; run `i18n extract` first") from None

    cache_file = _cache_path(settings, "update")
    cache = _load_cache(cache_file)
    option = "no-fuzzy" if no_fuzzy else "fuzzy"
    results: dict[CatalogRef, UpdateResult] = {}
    todo: list[CatalogRef] = []
    hashes: dict[CatalogRef, str] = {}
    for ref in refs:
        hashes[ref] = _sha(ref.path.read_bytes())
        entry = cache.get(_rel(ref, root))
        if entry and entry[:3] == [templates[ref.domain][1], hashes[ref], option]:
            added, fuzzy, obsolete, unchanged = entry[3]
            results[ref] = UpdateResult(
                ref.locale, ref.domain, ref.path, added, fuzzy, obsolete, unchanged, False, True
            )
    todo = [ref for ref in refs if ref not in results]
    done = len(results)
    if progress:
        for ref in results:
            progress(done, len(refs), ref)

    jobs = [(*templates[ref.domain], ref.path, no_fuzzy) for ref in todo]
    errors: list[CatalogError] = []
    new_bytes: dict[CatalogRef, bytes] = {}
    for ref, (counts, data, error) in zip(
        todo, _run_all(_update_job, jobs, workers or _default_workers()), strict=True
    ):
        done += 1
        if progress:
            progress(done, len(refs), ref)
        if error:
            errors.append(CatalogError(*error))
            continue
        if data is not None:
            new_bytes[ref] = data
        results[ref] = UpdateResult(ref.locale, ref.domain, ref.path, **asdict(counts),
                                    changed=data is not None)  # fmt: skip
    _raise_errors(errors)
    if not check:
        _write_updates(settings, cache_file, cache, results, new_bytes, templates, hashes, option)
    return [results[ref] for ref in refs]


def _rel(ref: CatalogRef, root: Path) -> str:
    return ref.path.relative_to(root).as_posix()


def _raise_errors(errors: list[CatalogError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InvalidCatalogs(errors)


def _write_updates(
    settings: Settings,
    cache_file: Path,
    cache: dict[str, Any],
    results: dict[CatalogRef, UpdateResult],
    new_bytes: dict[CatalogRef, bytes],
    templates: dict[str, tuple[Path, str]],
    hashes: dict[CatalogRef, str],
    option: str,
) -> None:
    root = settings.locales_path
    for ref, data in new_bytes.items():
        write_bytes_atomic(ref.path, data)
        hashes[ref] = _sha(data)
        log.debug("updated %s", ref.path)
    for ref, result in results.items():
        counts = [0, 0, 0, result.unchanged]  # what re-merging the written file reports
        cache[_rel(ref, root)] = [templates[ref.domain][1], hashes[ref], option, counts]
    _save_cache(cache_file, cache)


def init_catalog(settings: Settings, locale: str, domain: str) -> Path:
    """Create ``locales/<locale>/LC_MESSAGES/<domain>.po`` from the domain's template.

    The header gets ``Language`` and the CLDR ``Plural-Forms`` of ``locale``
    (babel's plural data), charset UTF-8. An existing file is never touched.
    """
    root = settings.locales_path
    path = catalog_path(root, locale, domain)
    if path.exists():
        raise CatalogError(path, None, "already exists; `i18n update` refreshes it")
    try:
        Locale.parse(locale)
        nplurals, expr = get_plural(locale)
    except (UnknownLocaleError, ValueError):
        raise CatalogError(
            path, None, f"unknown locale {locale!r} (use a babel id like zh_Hant)"
        ) from None
    template = read_catalog(template_path(root, domain))
    catalog = _new_catalog(template, locale, domain, nplurals, str(expr))
    _write_new(path, render_catalog(catalog, path=path))
    return path


def _new_catalog(template: Catalog, locale: str, domain: str, nplurals: int, expr: str) -> Catalog:
    catalog = PoCatalog(domain=domain, header_comment="", fuzzy=False)
    catalog.raw_header_comment = (
        template.raw_header_comment if isinstance(template, PoCatalog) else template.header_comment
    )
    catalog.mime_headers = template.mime_headers
    catalog.set_header("Language", locale)
    catalog.set_header("Content-Type", "text/plain; charset=UTF-8")
    catalog.set_header("Plural-Forms", f"nplurals={nplurals}; plural={expr};")
    catalog.charset = "utf-8"
    catalog._messages = {key: _blank(m, nplurals) for key, m in template._messages.items()}
    return catalog


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: a temporary file, then a hard link."""
    tmp = path.with_name(f".{path.name}.new")
    write_bytes_atomic(tmp, data)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise CatalogError(path, None, "already exists; `i18n update` refreshes it") from None
    finally:
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- compiling


def _compile_job(po_path: Path) -> tuple[bytes | None, ErrorTuple | None]:
    try:
        return render_mo(read_catalog(po_path)), None
    except CatalogError as exc:
        return None, (str(exc.path), exc.line, exc.message)


def compile_catalogs(
    settings: Settings,
    locales: Iterable[str] | None = None,
    domains: Iterable[str] | None = None,
    *,
    force: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Compile each selected PO to the MO beside it; return the MO files written.

    Fuzzy and untranslated messages are left out. A catalog whose PO and MO
    still have the hashes recorded by the last compile is skipped (``force``
    compiles anyway). Every PO is read and checked before any MO is written.
    """
    refs = _select(settings, locales, domains)
    root = settings.locales_path
    cache_file = _cache_path(settings, "compile")
    cache = _load_cache(cache_file)
    hashes = {ref: _sha(ref.path.read_bytes()) for ref in refs}
    todo = [ref for ref in refs if force or not _compiled(cache.get(_rel(ref, root)), ref, hashes)]
    errors: list[CatalogError] = []
    outputs: dict[CatalogRef, bytes] = {}
    jobs = [(ref.path,) for ref in todo]
    for done, (ref, (data, error)) in enumerate(
        zip(todo, _run_all(_compile_job, jobs, workers or _default_workers()), strict=True), 1
    ):
        if progress:
            progress(done, len(todo), ref)
        if error:
            errors.append(CatalogError(*error))
        elif data is not None:
            outputs[ref] = data
    _raise_errors(errors)
    for ref, data in outputs.items():
        write_bytes_atomic(mo_path(ref.path), data)
        cache[_rel(ref, root)] = [hashes[ref], _sha(data)]
    if outputs:
        _save_cache(cache_file, cache)
    return [mo_path(ref.path) for ref in outputs]


def _compiled(entry: Any, ref: CatalogRef, hashes: dict[CatalogRef, str]) -> bool:
    mo = mo_path(ref.path)
    if not entry or entry[0] != hashes[ref] or not mo.exists():
        return False
    return bool(entry[1] == _sha(mo.read_bytes()))


def catalog_statistics(
    settings: Settings, locales: Iterable[str] | None = None, domains: Iterable[str] | None = None
) -> list[CatalogStats]:
    """Translated, fuzzy and untranslated counts of each selected catalog."""
    stats = []
    for ref in _select(settings, locales, domains):
        catalog = read_catalog(ref.path)
        translated = fuzzy = untranslated = 0
        for message in catalog._messages.values():
            if message.fuzzy:
                fuzzy += 1
            elif _translated(message):
                translated += 1
            else:
                untranslated += 1
        stats.append(CatalogStats(ref.locale, ref.domain, translated, fuzzy, untranslated))
    return stats
