"""YAML loading that remembers where each value came from.

Config and rule files are edited by hand; when one is wrong, the message must
name the line. ``load_model`` parses a file, validates it with a pydantic
model and maps each validation error back to the line of the offending field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)
ErrorFactory = Callable[[Path, int | None, str, str | None], Exception]


def parse_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Read ``path`` and return its data and its node tree (for line lookups)."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return data, node


def line_of(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at ``loc`` in a composed YAML tree.

    Walks as deep as the path exists; a missing key reports its parent's line,
    which is where the key should be added.

    >>> tree = yaml.compose("a:\\n  b:\\n    - x\\n    - y\\n", Loader=yaml.SafeLoader)
    >>> line_of(tree, ["a", "b", 1])
    4
    >>> line_of(tree, ["a", "missing"])
    2
    """
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            child = node.value[key] if key < len(node.value) else None
        else:
            child = None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def load_model(path: Path, model: type[M], error: ErrorFactory) -> M:
    """Parse and validate ``path``; raise ``error(path, line, message, field)``.

    Only the first validation error is raised, with the count of the others,
    so the message stays one line a person can act on.
    """
    try:
        data, node = parse_yaml(path)
    except FileNotFoundError:
        raise error(path, None, "file not found", None) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise error(path, line, f"invalid YAML: {exc.problem}", None) from None

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
        line = line_of(node, first["loc"])
        raise error(path, line, f"{first['msg']}{suffix}", field) from None
