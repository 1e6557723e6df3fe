"""Rendered release files kept between builds, keyed by the hash of their inputs.

An entry ``<cache>/<key>.json`` lists the artifacts one producer returned for
one input (a catalog's bytes, its region, tag and domain, and the code); the
bytes live once each in ``<cache>/blobs/<sha256>``. A rebuild that finds the
key skips rendering; when the previous release already holds a file of the
same content-hashed path, the bytes are not even read.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from i18n_pipeline.artifacts import Artifact, ArtifactKind, hashed_name, sha256_hex
from i18n_pipeline.errors import ReleaseError
from i18n_pipeline.manifest import FileEntry
from i18n_pipeline.pofile import write_bytes_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedArtifact:
    """An artifact known by its metadata; its bytes are read from the cache on demand."""

    name: str
    kind: ArtifactKind
    format: str
    domain: str | None
    sha256: str
    size: int
    blob: Path

    @property
    def path(self) -> str:
        return hashed_name(self.name, self.sha256)

    def entry(self) -> FileEntry:
        return FileEntry(
            path=self.path,
            kind=self.kind,
            format=self.format,
            domain=self.domain,
            sha256=self.sha256,
            size=self.size,
        )

    def data(self) -> bytes:
        """The bytes, checked against the hash so a damaged cache cannot leak into a release."""
        try:
            data = self.blob.read_bytes()
        except OSError as exc:
            raise ReleaseError(f"{self.blob}: cached file unreadable: {exc.strerror}") from exc
        if sha256_hex(data) != self.sha256:
            raise ReleaseError(f"{self.blob}: cached file does not match its hash; clear the cache")
        return data


class ArtifactCache:
    """A directory of rendered artifacts; see the module docstring."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs = root / "blobs"
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> list[CachedArtifact] | None:
        entry = self.root / f"{key}.json"
        try:
            rows = json.loads(entry.read_bytes())
            found = [CachedArtifact(**row, blob=self.blobs / row["sha256"]) for row in rows]
        except FileNotFoundError:
            self.misses += 1
            return None
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("ignoring damaged cache entry %s: %s", entry, exc)
            self.misses += 1
            return None
        if not all(item.blob.exists() for item in found):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, artifacts: list[Artifact]) -> list[CachedArtifact]:
        found = [
            CachedArtifact(
                name=a.name,
                kind=a.kind,
                format=a.format,
                domain=a.domain,
                sha256=a.sha256,
                size=len(a.data),
                blob=self.blobs / a.sha256,
            )
            for a in artifacts
        ]
        for artifact, item in zip(artifacts, found, strict=True):
            if not item.blob.exists():
                write_bytes_atomic(item.blob, artifact.data)
        rows = [{k: v for k, v in asdict(item).items() if k != "blob"} for item in found]
        write_bytes_atomic(self.root / f"{key}.json", json.dumps(rows, sort_keys=True).encode())
        return found
