"""What changed between two releases, message by message.

The comparison reads the gettext JSON bundles of both releases (they hold
every shipped translation, keyed like gettext) for each region, locale and
domain, so it shows what clients will see change, including locales that
were added or excluded by a gate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from i18n_pipeline.errors import ReleaseError
from i18n_pipeline.manifest import LocaleEntry, Manifest
from i18n_pipeline.store.base import ReleaseStore

Messages = dict[str, object]


@dataclass
class LocaleDiff:
    """Messages added, removed and changed for one region, locale and domain."""

    region: str
    locale: str
    domain: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_messages(old: Messages, new: Messages) -> tuple[list[str], list[str], list[str]]:
    """Keys added, removed and changed from ``old`` to ``new`` (header key ``""`` ignored).

    >>> compare_messages({"": {}, "a": "x", "b": "y"}, {"": {}, "a": "z", "c": "w"})
    (['c'], ['b'], ['a'])
    """
    before = {k: v for k, v in old.items() if k}
    after = {k: v for k, v in new.items() if k}
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    return added, removed, changed


def _gettext_files(entry: LocaleEntry | None) -> dict[str, str]:
    if entry is None:
        return {}
    return {f.domain or "": f.path for f in entry.files if f.format == "gettext"}


def _load(store: ReleaseStore, release: str, path: str | None) -> Messages:
    if path is None:
        return {}
    try:
        data = json.loads(store.get_bytes(release, path))
    except ValueError as exc:
        raise ReleaseError(f"release {release!r}: {path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ReleaseError(f"release {release!r}: {path} is not a gettext JSON object")
    return data


def diff_releases(store: ReleaseStore, old_id: str, new_id: str) -> list[LocaleDiff]:
    """Per region, locale and domain, the messages that differ between two releases."""
    old, new = store.read_manifest(old_id), store.read_manifest(new_id)
    diffs: list[LocaleDiff] = []
    for region, tag in _pairs(old, new):
        old_files = _gettext_files(_entry(old, region, tag))
        new_files = _gettext_files(_entry(new, region, tag))
        for domain in sorted(old_files.keys() | new_files.keys()):
            old_path, new_path = old_files.get(domain), new_files.get(domain)
            if old_path == new_path:
                continue  # same content-hashed name, same bytes
            added, removed, changed = compare_messages(
                _load(store, old_id, old_path), _load(store, new_id, new_path)
            )
            diffs.append(LocaleDiff(region, tag, domain, added, removed, changed))
    return [d for d in diffs if not d.empty]


def _pairs(old: Manifest, new: Manifest) -> list[tuple[str, str]]:
    found = {
        (region, tag)
        for manifest in (old, new)
        for region, entry in manifest.regions.items()
        for tag in entry.locales
    }
    return sorted(found)


def _entry(manifest: Manifest, region: str, tag: str) -> LocaleEntry | None:
    entry = manifest.regions.get(region)
    return entry.locales.get(tag) if entry else None
