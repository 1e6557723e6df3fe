"""Reading the rule files into one validated :class:`RuleSet`, and writing it for releases.

Each ``compliance_rules/*.yaml`` holds one law (see :mod:`.schema`);
``jurisdictions.yaml`` beside them names the country groups (EU, EEA) that
rules may cite. A file is accepted whole or not at all: one invalid field
rejects the file, and the error names its file, line and field.

Three entry points, for three kinds of caller:

- :func:`load_rules_strict` raises on the first problem (releases, Dagster);
- :func:`load_rules` keeps every valid file and records the rejected ones in
  :attr:`RuleSet.errors` (interactive views that should still show the rest);
- :func:`collect_rule_errors` lists every problem of every file (the checker).

:func:`ruleset_json` is the release's rules dataset: deterministic bytes that
:func:`ruleset_from_json` reads back on the serving side.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from i18n_pipeline.artifacts import Artifact
from i18n_pipeline.compliance.schema import Jurisdictions, Rule
from i18n_pipeline.errors import RuleError

log = logging.getLogger(__name__)

JURISDICTIONS_FILE = "jurisdictions.yaml"
RULES_ARTIFACT_NAME = "rules/rules.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class RuleSet:
    """Every valid rule (sorted by id), the jurisdiction groups, and the rejected files.

    ``files`` maps a rule id to the file name it was read from; ``errors`` holds
    one :class:`RuleError` per problem of the files that were left out.
    """

    rules: tuple[Rule, ...] = ()
    jurisdictions: Jurisdictions | None = None
    files: dict[str, str] = field(default_factory=dict)
    errors: tuple[RuleError, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with ``rule_id``, or None."""
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def groups(self) -> dict[str, tuple[str, ...]]:
        """Group name -> member countries, from ``jurisdictions.yaml``."""
        if self.jurisdictions is None:
            return {}
        return {key: tuple(g.members) for key, g in self.jurisdictions.groups.items()}


def key_line(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the *key* at ``loc``, where an editor should jump.

    Unlike :func:`i18n_pipeline.yamlio.line_of` (the value's line), a nested
    mapping is reported on its key's line; a missing key reports its parent's.

    >>> tree = yaml.compose("a:\\n  b:\\n    c: 1\\n", Loader=yaml.SafeLoader)
    >>> key_line(tree, ["a", "b"]), key_line(tree, ["a", "b", "missing"])
    (2, 2)
    >>> from i18n_pipeline.yamlio import line_of
    >>> line_of(tree, ["a", "b"])
    3
    """
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _hint(error: ErrorDetails) -> str:
    """Extra advice for the YAML mistakes people make most."""
    if isinstance(error.get("input"), bool) and error["type"].startswith("string"):
        return ' (YAML reads unquoted NO, yes, on, off as booleans: quote the value, e.g. "NO")'
    if error["type"] == "extra_forbidden":
        return " (unknown field: check its spelling against compliance_rules/schema.json)"
    return ""


def _validation_errors(path: Path, node: yaml.Node | None, exc: ValidationError) -> list[RuleError]:
    errors = []
    for error in exc.errors():
        loc = error["loc"]
        field = ".".join(str(part) for part in loc) or None
        message = f"{error['msg']}{_hint(error)}"
        errors.append(RuleError(path, key_line(node, loc), message, field))
    return errors


#: libyaml when PyYAML was built with it (much faster on 30+ rule files), else pure Python.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None, list[RuleError]]:
    """Parse ``path`` once: its data, its node tree (for lines) and any duplicate keys.

    Duplicates are found before construction, which merges ``<<`` keys into
    the tree in place.
    """
    loader = _LOADER(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        duplicates = duplicate_keys(path, node)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node, duplicates


def duplicate_keys(path: Path, node: yaml.Node | None) -> list[RuleError]:
    """Keys given twice in one mapping: YAML keeps the last silently, so say so."""
    errors: list[RuleError] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = key.start_mark.line + 1
                if key.value in seen and key.value != "<<":
                    message = f"key {key.value!r} appears twice (first on line {seen[key.value]})"
                    errors.append(RuleError(path, line, message, str(key.value)))
                seen.setdefault(key.value, line)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(errors, key=lambda e: e.line or 0)


def validate_file_with_node(
    path: Path, model: type[BaseModel] = Rule
) -> tuple[Any, list[RuleError], yaml.Node | None]:
    """:func:`validate_file`, also returning the node tree for later line lookups."""
    try:
        data, node, errors = read_yaml(path)
    except FileNotFoundError:
        return None, [RuleError(path, None, "file not found")], None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return None, [RuleError(path, line, f"invalid YAML: {exc.problem}")], None
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        message = f"the file is {kind}; a rule file is one YAML mapping"
        return None, [RuleError(path, 1, message)], node

    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        return None, errors + _validation_errors(path, node, exc), node
    return (None if errors else validated), errors, node


def validate_file(path: Path, model: type[BaseModel] = Rule) -> tuple[Any, list[RuleError]]:
    """Validate one YAML file against ``model``: the model, or every error found.

    Unlike :func:`i18n_pipeline.yamlio.load_model` this reports all validation
    errors, each with its own line, so one run of the checker shows them all.
    A key given twice is an error too, since YAML would keep only the last.
    """
    validated, errors, _ = validate_file_with_node(path, model)
    return validated, errors


def rule_files(rules_dir: Path) -> list[Path]:
    """The rule files in ``rules_dir``: top-level ``*.yaml`` except the groups file.

    Sub-directories (notice templates) are not rule files.
    """
    if not rules_dir.is_dir():
        raise RuleError(rules_dir, None, "rules directory not found (set I18N_RULES_DIR)")
    return sorted(p for p in rules_dir.glob("*.yaml") if p.name != JURISDICTIONS_FILE)


def load_jurisdictions(rules_dir: Path) -> tuple[Jurisdictions | None, list[RuleError]]:
    """The groups file, or None when the directory has none."""
    path = rules_dir / JURISDICTIONS_FILE
    if not path.exists():
        return None, []
    model, errors = validate_file(path, Jurisdictions)
    return model, errors


def _load(rules_dir: Path) -> RuleSet:
    jurisdictions, errors = load_jurisdictions(rules_dir)
    rules: list[Rule] = []
    files: dict[str, str] = {}
    for path in rule_files(rules_dir):
        rule, file_errors = validate_file(path)
        if file_errors:
            errors.extend(file_errors)
            continue
        if rule.id in files:
            errors.append(
                RuleError(path, 1, f"rule id {rule.id!r} is already used by {files[rule.id]}", "id")
            )
            continue
        rules.append(rule)
        files[rule.id] = path.name
    rules.sort(key=lambda rule: rule.id)
    return RuleSet(
        rules=tuple(rules), jurisdictions=jurisdictions, files=files, errors=tuple(errors)
    )


def load_rules(rules_dir: Path) -> RuleSet:
    """Every valid rule in ``rules_dir``; rejected files are in :attr:`RuleSet.errors`."""
    ruleset = _load(rules_dir)
    for error in ruleset.errors:
        log.debug("rule file rejected: %s", error)
    if ruleset.errors:
        rejected = len({error.path for error in ruleset.errors})
        log.warning("%d rule file(s) left out as invalid; `i18n rules check` lists why", rejected)
    log.debug("loaded %d rules from %s", len(ruleset), rules_dir)
    return ruleset


def load_rules_strict(rules_dir: Path) -> RuleSet:
    """Every rule in ``rules_dir``, or :class:`RuleError` for the first problem."""
    ruleset = _load(rules_dir)
    if ruleset.errors:
        raise ruleset.errors[0]
    return ruleset


def collect_rule_errors(rules_dir: Path) -> list[RuleError]:
    """Every schema, YAML and duplicate-id problem in ``rules_dir``, in file order."""
    return list(_load(rules_dir).errors)


def ruleset_data(ruleset: RuleSet) -> dict[str, Any]:
    """The dataset as plain JSON data (field names as written in the rule files)."""
    jurisdictions = ruleset.jurisdictions
    return {
        "format_version": FORMAT_VERSION,
        "rules": [rule.model_dump(mode="json", by_alias=True) for rule in ruleset.rules],
        "jurisdictions": jurisdictions.model_dump(mode="json") if jurisdictions else None,
        "files": dict(sorted(ruleset.files.items())),
    }


def ruleset_json(ruleset: RuleSet) -> bytes:
    """The rules dataset for a release: the same rules always give the same bytes."""
    text = json.dumps(ruleset_data(ruleset), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def ruleset_from_json(data: bytes, origin: str = RULES_ARTIFACT_NAME) -> RuleSet:
    """Read back :func:`ruleset_json` output (e.g. a release's ``rules/rules.json``)."""
    try:
        raw = json.loads(data)
        if raw.get("format_version") != FORMAT_VERSION:
            raise RuleError(
                origin, None, f"unsupported format_version {raw.get('format_version')!r}"
            )
        rules = tuple(Rule.model_validate(item) for item in raw["rules"])
        groups = raw.get("jurisdictions")
        jurisdictions = Jurisdictions.model_validate(groups) if groups else None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RuleError(origin, None, f"not a valid rules dataset: {exc}") from None
    return RuleSet(rules=rules, jurisdictions=jurisdictions, files=raw.get("files") or {})


def rules_artifact(ruleset: RuleSet) -> Artifact:
    """The rules dataset as a release file (``rules/rules.<hash>.json``)."""
    return Artifact(
        name=RULES_ARTIFACT_NAME, data=ruleset_json(ruleset), kind="rules", format="json"
    )
