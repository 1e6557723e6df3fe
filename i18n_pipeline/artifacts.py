"""Files on their way into a release, named by their content.

Producers (bundles, notices, the rule dataset) return :class:`Artifact`
values; the release builder hashes, names, writes and lists them in the
manifest. Keeping the naming rule here means every producer and every client
agrees on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

ArtifactKind = Literal["bundle", "notice", "rules", "stats"]


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def hashed_name(name: str, digest: str) -> str:
    """Insert the first 12 hex digits of ``digest`` before the last suffix.

    >>> hashed_name("apac/zh-Hans/messages.i18next.json", "3f2a9c1b7e4d" + "0" * 52)
    'apac/zh-Hans/messages.i18next.3f2a9c1b7e4d.json'
    >>> hashed_name("emea/de/messages.mo", "ab" * 32)
    'emea/de/messages.abababababab.mo'
    """
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest[:12]}{path.suffix}"))


@dataclass(frozen=True)
class Artifact:
    """One file for a release: its logical name, bytes and what it holds.

    ``name`` is the path inside the release before hashing, such as
    ``apac/zh-Hans/messages.i18next.json``; :attr:`path` is the final one.
    """

    name: str
    data: bytes = field(repr=False)
    kind: ArtifactKind
    format: str
    domain: str | None = None

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def path(self) -> str:
        return hashed_name(self.name, self.sha256)
