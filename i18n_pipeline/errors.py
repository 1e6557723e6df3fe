"""The library's exception tree.

Every error says where it happened (file and line, locale, rule id) so the
person who reads it can go straight to the fix. Fronts map these to exit
codes (CLI), ``Failure`` (Dagster) and JSON errors (API).
"""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Base of every error the library raises on purpose."""

    #: Exit code the CLI uses for this kind of error.
    exit_code: int = 1


class ConfigError(PipelineError):
    """A configuration file (matrix, regions, caching tiers) is invalid."""

    exit_code = 2

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class CatalogError(PipelineError):
    """A PO or POT file cannot be read or written as it stands.

    ``str(error)`` is ``path:line: what is wrong``, the form editors and CI
    annotators understand.
    """

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class CheckFailed(PipelineError):
    """One or more catalogs have check errors; the release cannot use them."""


class GateError(PipelineError):
    """A release gate (completion or legal translation) stops the release."""

    def __init__(
        self,
        message: str,
        *,
        locale: str | None = None,
        rule_id: str | None = None,
        region: str | None = None,
    ) -> None:
        self.locale = locale
        self.rule_id = rule_id
        self.region = region
        super().__init__(message)


class RuleError(PipelineError):
    """A compliance rule file is malformed or invalid."""

    def __init__(
        self, path: Path | str, line: int | None, message: str, field: str | None = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        at = f" (field {field})" if field else ""
        super().__init__(f"{where}: {message}{at}")


class ReleaseError(PipelineError):
    """A release cannot be built, found, verified or activated."""


class StoreError(PipelineError):
    """The release store failed (I/O, network, permissions, missing object)."""


class LocaleError(PipelineError):
    """A locale tag is malformed or unknown, or a locale's plural rules disagree.

    ``tag`` is the tag as the caller gave it, so the message can quote it.
    """

    exit_code = 2

    def __init__(self, tag: str, message: str) -> None:
        self.tag = tag
        self.message = message
        super().__init__(message)


class BundleError(PipelineError):
    """A catalog cannot be turned into a bundle (such as two messages on one key)."""


class ExtractionError(PipelineError):
    """A source file cannot be scanned for messages (syntax error, bad encoding, conflict).

    ``str(error)`` is ``path:line: what is wrong``, like :class:`CatalogError`.
    """

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")
