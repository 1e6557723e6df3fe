"""Extract translatable messages from source code into POT templates.

One file, ``locales/extraction.yaml``, says which directory feeds which domain
and which babel extractor reads which files. :func:`extract_domain` runs babel
over that directory and returns a catalog that depends only on the sources:
messages sorted by (msgid, msgctxt), locations sorted and written relative to
the project root with forward slashes. :func:`write_template` rewrites a POT
only when its messages changed, so a run over unchanged sources leaves the
file byte-identical and a CI ``--check`` can trust a diff.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.util import pathmatch
from jinja2 import TemplateSyntaxError
from pydantic import BaseModel, ConfigDict, Field, field_validator

from i18n_pipeline.config import Settings
from i18n_pipeline.errors import CatalogError, ConfigError, ExtractionError
from i18n_pipeline.layout import template_path
from i18n_pipeline.pofile import read_catalog, render_catalog, write_bytes_atomic
from i18n_pipeline.yamlio import line_of, load_model, parse_yaml

log = logging.getLogger(__name__)

CONFIG_NAME = "extraction.yaml"

#: Extractor names allowed in the config, and what babel is asked to load for each.
#: Jinja2's extractor is named by import path so no entry-point lookup is involved.
#: Known gap: babel's JavaScript lexer never fails, so a JS syntax error is not
#: reported; a message after it may be missed silently. The sample's own test runs
#: ``node --check``; other JS sources need that in their lint step.
EXTRACTORS: dict[str, str] = {
    "python": "python",
    "javascript": "javascript",
    "jinja2": "jinja2.ext:babel_extract",
}

_DOMAIN_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MethodSpec(_Strict):
    """Files matching ``pattern`` (babel glob, ``**`` spans directories) use ``method``."""

    pattern: str = Field(min_length=1)
    method: Literal["python", "javascript", "jinja2"]
    options: dict[str, str] = Field(default_factory=dict)


class DomainSpec(_Strict):
    """One gettext domain: its source directory and how to read the files in it."""

    source: Path = Field(description="Directory scanned, relative to the project root.")
    methods: tuple[MethodSpec, ...] = Field(min_length=1)
    description: str = ""
    may_be_empty: bool = Field(
        default=False,
        description="True when the domain may have no sources yet (an empty POT is fine).",
    )


class ExtractionConfig(_Strict):
    """The whole of ``locales/extraction.yaml``."""

    project: str = "PROJECT"
    version: str = "VERSION"
    msgid_bugs_address: str | None = None
    copyright_holder: str | None = None
    keywords: tuple[str, ...] = Field(
        default=(), description="Babel keyword specs added to babel's defaults."
    )
    comment_tags: tuple[str, ...] = ("Translators:",)
    domains: dict[str, DomainSpec] = Field(min_length=1)

    @field_validator("keywords")
    @classmethod
    def _keywords_parse(cls, keywords: tuple[str, ...]) -> tuple[str, ...]:
        for spec in keywords:
            try:
                parse_keywords([spec])
            except ValueError:
                raise ValueError(
                    f"keyword {spec!r} is not a babel keyword spec such as 'npgettext:1c,2,3'"
                ) from None
        return keywords

    @field_validator("domains")
    @classmethod
    def _domain_names(cls, domains: dict[str, DomainSpec]) -> dict[str, DomainSpec]:
        for name in domains:
            if not _DOMAIN_NAME.match(name):
                raise ValueError(f"domain {name!r} must be lowercase letters, digits and '_'")
        return domains

    def keyword_map(self) -> dict[str, Any]:
        """Babel's default keywords with the configured ones on top."""
        return {**DEFAULT_KEYWORDS, **parse_keywords(list(self.keywords))}


def config_path(settings: Settings) -> Path:
    """Where the extraction config lives: ``<locales>/extraction.yaml``."""
    return settings.locales_path / CONFIG_NAME


def load_extraction_config(settings: Settings) -> ExtractionConfig:
    """Read and validate the extraction config; :class:`ConfigError` names the line."""
    return load_model(
        config_path(settings),
        ExtractionConfig,
        lambda path, line, message, field: ConfigError(
            path, f"{message} (at {field})" if field else message, line
        ),
    )


@dataclass
class _Occurrence:
    """Every place one (msgid, msgctxt) was found, gathered before sorting."""

    msgid: str | tuple[str, ...]
    context: str | None
    locations: list[tuple[str, int]] = field(default_factory=list)
    comments: list[tuple[tuple[str, int], list[str]]] = field(default_factory=list)


def extract_domain(
    settings: Settings, domain: str, config: ExtractionConfig | None = None
) -> Catalog:
    """Extract every message of ``domain`` into a template catalog (no locale).

    Raises :class:`ConfigError` for an unknown domain and :class:`ExtractionError`
    naming file and line for a source that cannot be read.
    """
    config = config or load_extraction_config(settings)
    spec = config.domains.get(domain)
    if spec is None:
        known = ", ".join(sorted(config.domains))
        raise ConfigError(config_path(settings), f"unknown domain {domain!r}; configured: {known}")

    source = settings.path(spec.source)
    prefix = _location_prefix(settings, source)
    found: dict[tuple[str, str], _Occurrence] = {}
    visited: list[str] = []
    if source.is_dir():
        for item in _scan(source, spec, config, visited):
            _collect(found, prefix, *item)
    elif not spec.may_be_empty:
        raise _config_error(
            settings,
            ["domains", domain, "source"],
            f"source directory {spec.source.as_posix()!r} of domain {domain!r} does not exist",
        )
    else:
        log.debug("source directory %s of domain %r does not exist yet", source, domain)
    if not spec.may_be_empty:
        _check_patterns(settings, domain, spec, visited)

    if not found and not spec.may_be_empty:
        raise ExtractionError(
            source,
            None,
            f"no messages found for domain {domain!r}; check 'source' and 'methods' in "
            f"{config_path(settings).name}, or set may_be_empty: true",
        )
    catalog = _new_template(config, domain)
    for key in sorted(found):
        message = catalog[found[key].msgid] = _message(found[key])
        if message.python_format:
            path, line = message.locations[0]
            log.warning(
                "%s:%d: %r looks like %%-format; use {name} placeholders", path, line, key[0]
            )
    log.debug("domain %r: %d messages from %s", domain, len(catalog), source)
    return catalog


def _location_prefix(settings: Settings, source: Path) -> str:
    """``source`` relative to the project root, forward slashes, or absolute if outside."""
    root = settings.root.resolve()
    try:
        return source.relative_to(root).as_posix()
    except ValueError:
        return source.as_posix()


def _check_patterns(settings: Settings, domain: str, spec: DomainSpec, visited: list[str]) -> None:
    """Every pattern of a required domain must match a file, or its messages vanish unseen."""
    for index, method in enumerate(spec.methods):
        if any(pathmatch(method.pattern, filename) for filename in visited):
            continue
        raise _config_error(
            settings,
            ["domains", domain, "methods", index, "pattern"],
            f"pattern {method.pattern!r} of domain {domain!r} matches no file under "
            f"{spec.source.as_posix()!r}; fix the pattern or the source directory",
        )


def _config_error(settings: Settings, loc: list[str | int], message: str) -> ConfigError:
    """A :class:`ConfigError` pointing at the line of ``loc`` in the extraction config."""
    path = config_path(settings)
    _data, tree = parse_yaml(path)
    return ConfigError(path, message, line_of(tree, loc))


def _scan(
    source: Path, spec: DomainSpec, config: ExtractionConfig, visited: list[str]
) -> Iterable[tuple[Any, ...]]:
    """Babel's extraction over ``source``, with syntax errors turned into ExtractionError.

    ``visited`` receives each file babel read, relative to ``source``.
    """
    method_map = [(m.pattern, EXTRACTORS[m.method]) for m in spec.methods]
    options_map = {m.pattern: _options(m) for m in spec.methods}
    current: list[Path] = [source]

    def before_file(filename: str, method: str, options: dict[str, Any]) -> None:
        current[0] = source / filename
        visited.append(Path(filename).as_posix())
        if method == "python":
            _check_python(current[0])

    try:
        yield from extract_from_dir(
            os.fspath(source),
            method_map,
            options_map,
            keywords=config.keyword_map(),
            comment_tags=config.comment_tags,
            callback=before_file,
            # Jinja2's extractor always drops the tag; dropping it for every kind keeps
            # one comment text whichever source a message comes from.
            strip_comment_tags=True,
        )
    except TemplateSyntaxError as exc:
        reason = exc.message or str(exc)
        raise ExtractionError(current[0], exc.lineno, f"template syntax: {reason}") from None
    except tokenize.TokenError as exc:
        line = exc.args[1][0] if len(exc.args) > 1 else None
        raise ExtractionError(current[0], line, f"python tokens: {exc.args[0]}") from None
    except UnicodeDecodeError as exc:
        raise ExtractionError(current[0], None, f"not valid UTF-8: {exc.reason}") from None


def _options(method: MethodSpec) -> dict[str, str]:
    """Per-pattern options; Jinja2 must raise on bad templates instead of skipping them."""
    if method.method == "jinja2":
        return {**method.options, "silent": "false"}
    return dict(method.options)


def _check_python(path: Path) -> None:
    """Compile ``path`` so a syntax error is reported; babel's tokenizer would skip it."""
    try:
        compile(
            path.read_bytes(), os.fspath(path), "exec", dont_inherit=True, flags=ast.PyCF_ONLY_AST
        )
    except SyntaxError as exc:
        raise ExtractionError(path, exc.lineno, f"python syntax: {exc.msg}") from None
    except ValueError as exc:
        raise ExtractionError(path, None, f"python source: {exc}") from None


def _collect(
    found: dict[tuple[str, str], _Occurrence],
    prefix: str,
    filename: str,
    lineno: int,
    msgid: str | tuple[str, ...],
    comments: list[str],
    context: str | None,
) -> None:
    """Add one babel hit; the same msgid with and without a plural is a conflict."""
    where = (f"{prefix}/{Path(filename).as_posix()}", lineno)
    singular = msgid[0] if isinstance(msgid, tuple) else msgid
    key = (singular, context or "")
    entry = found.setdefault(key, _Occurrence(msgid, context))
    if entry.msgid != msgid:
        first = entry.locations[0]
        raise ExtractionError(
            where[0],
            lineno,
            f"{singular!r} is also extracted at {first[0]}:{first[1]} with a different plural "
            f"form; use the same call (or a msgctxt) in both places",
        )
    entry.locations.append(where)
    if comments:
        entry.comments.append((where, comments))


def _message(entry: _Occurrence) -> Message:
    """A babel message with sorted locations and each comment once, in location order."""
    comments: list[str] = []
    for _where, lines in sorted(entry.comments):
        comments.extend(line for line in lines if line not in comments)
    return Message(
        entry.msgid,
        locations=sorted(set(entry.locations)),
        auto_comments=comments,
        context=entry.context,
    )


def _new_template(config: ExtractionConfig, domain: str) -> Catalog:
    return Catalog(
        domain=domain,
        project=config.project,
        version=config.version,
        msgid_bugs_address=config.msgid_bugs_address,
        copyright_holder=config.copyright_holder,
        charset="utf-8",
    )


def template_signature(catalog: Catalog) -> tuple[Any, ...]:
    """What makes two templates equal: header identity and every message, no dates.

    >>> a, b = Catalog(project="P"), Catalog(project="P")
    >>> a.add("Hello, {name}", locations=[("app/x.py", 3)])
    <Message 'Hello, {name}' (flags: ['python-brace-format'])>
    >>> b.add("Hello, {name}", locations=[("app/x.py", 3)])
    <Message 'Hello, {name}' (flags: ['python-brace-format'])>
    >>> template_signature(a) == template_signature(b)
    True
    >>> b.add("Bye", locations=[("app/x.py", 9)]) and template_signature(a) == template_signature(b)
    False
    """
    header = (catalog.project, catalog.version, catalog.msgid_bugs_address)
    messages = tuple(
        (
            message.id,
            message.context,
            tuple(message.locations),
            _comment_text(message.auto_comments),
            _comment_text(message.user_comments),
            tuple(sorted(message.flags)),
        )
        for message in catalog
        if message.id
    )
    return header, messages


def _comment_text(lines: Iterable[str]) -> str:
    """Comments as one line: the PO writer wraps long comments, reading keeps the pieces.

    >>> _comment_text(["Translators: a long", "comment."])
    'Translators: a long comment.'

    """
    return " ".join(" ".join(lines).split())


def template_changed(catalog: Catalog, path: Path) -> bool:
    """True when writing ``catalog`` would change the POT at ``path`` (or create it)."""
    if not path.exists():
        return True
    try:
        current = read_catalog(path)
    except CatalogError as exc:
        log.warning("existing template is unreadable and will be replaced: %s", exc)
        return True
    return template_signature(current) != template_signature(catalog)


def write_template(catalog: Catalog, path: Path) -> bool:
    """Write ``catalog`` to ``path`` if its messages changed; return whether it wrote.

    An unchanged template is not touched at all, so its bytes, POT-Creation-Date
    and mtime stay as they were.
    """
    if not template_changed(catalog, path):
        return False
    write_bytes_atomic(path, render_catalog(catalog, path=path))
    return True


def domain_template_path(settings: Settings, domain: str) -> Path:
    """Where the POT of ``domain`` is written."""
    return template_path(settings.locales_path, domain)


@dataclass(frozen=True)
class TemplateResult:
    """What extraction did for one domain: counts, and whether the POT changed."""

    domain: str
    path: Path
    messages: int
    plurals: int
    contexts: int
    changed: bool


def extract_templates(
    settings: Settings, domains: Iterable[str] | None = None, *, check: bool = False
) -> list[TemplateResult]:
    """Extract ``domains`` (default: all configured) and write each changed POT.

    With ``check`` nothing is written; ``changed`` then says the POT is out of date.
    Every domain is extracted before any is written, so one broken source leaves
    all templates as they were.
    """
    config = load_extraction_config(settings)
    names = list(domains or ()) or sorted(config.domains)
    catalogs = {domain: extract_domain(settings, domain, config) for domain in names}
    results = []
    for domain, catalog in catalogs.items():
        path = domain_template_path(settings, domain)
        changed = template_changed(catalog, path) if check else write_template(catalog, path)
        entries = [message for message in catalog if message.id]
        results.append(
            TemplateResult(
                domain=domain,
                path=path,
                messages=len(entries),
                plurals=sum(1 for message in entries if message.pluralizable),
                contexts=sum(1 for message in entries if message.context),
                changed=changed,
            )
        )
        log.debug(
            "domain %r: %d messages, %s",
            domain,
            len(entries),
            "changed" if changed else "unchanged",
        )
    return results
