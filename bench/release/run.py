"""Release build benchmark: the sample project, a 100-locale corpus, and a
rebuild after one catalog changed, with its cost as a ratio of the full build.

    .venv/bin/python bench/release/run.py [--locales 100] [--messages 2000]

Goal: the rebuild renders and writes only the changed locale's files and costs
under a tenth of the full build measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from corpus import build_corpus

from i18n_pipeline.config import Settings
from i18n_pipeline.errors import PipelineError
from i18n_pipeline.layout import catalog_path
from i18n_pipeline.release import BuildResult, build
from i18n_pipeline.store import LocalStore

REPO = Path(__file__).resolve().parents[2]


def timed_build(settings: Settings, store: LocalStore) -> tuple[float, BuildResult]:
    start = time.perf_counter()
    result = build(settings, store)
    return time.perf_counter() - start, result


def settings_for(root: Path, work: Path, name: str) -> Settings:
    return Settings(
        root=root,
        var_dir=work / f"{name}-var",
        release_dir=work / f"{name}-releases",
        database_url=f"sqlite:///{work / f'{name}.db'}",
        source_commit="bench",
    )


def row(label: str, seconds: float, result: BuildResult) -> str:
    return (
        f"{label:<40} {seconds:8.2f} s  files {result.files:5d}  written {result.written:5d}  "
        f"reused {result.reused:5d}  rendered {result.rendered:4d}  cached {result.cached:4d}"
    )


def change_one_message(settings: Settings, locale: str) -> None:
    """Edit the first translated msgstr of ``locale``'s messages catalog (a translator's fix)."""
    path = catalog_path(settings.locales_path, locale, "messages")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines):
        if number > 0 and line.startswith('msgstr "') and line.strip() != 'msgstr ""':
            lines[number] = line.rstrip().removesuffix('"') + ' (v2)"\n'
            break
    path.write_text("".join(lines), encoding="utf-8")


def sample(work: Path) -> None:
    """The repository's own catalogs and rules, copied so the bench edits a copy."""
    root = work / "sample"
    for name in ("locales", "compliance_rules"):
        shutil.copytree(REPO / name, root / name)
    settings = settings_for(root, work, "sample")
    store = LocalStore(settings.release_path)
    try:
        full_s, full = timed_build(settings, store)
    except PipelineError as exc:
        print(f"{'sample: full build':<40} stopped: {exc}")
        return
    print(row("sample: full build (cold)", full_s, full))
    locale = settings.matrix.translated_locales[0]
    change_one_message(settings, locale)
    one_s, one = timed_build(settings, store)
    print(row(f"sample: rebuild, {locale} changed", one_s, one))
    print(f"sample rebuild / full build: {one_s / full_s:.3f}; written: {one.written_paths}")


def corpus(work: Path, locales: int, messages: int) -> bool:
    root = build_corpus(work / "corpus", locales, messages, REPO / "locales" / "regions.yaml")
    settings = settings_for(root, work, "corpus")
    store = LocalStore(settings.release_path)
    label = f"corpus {locales}x{messages}"

    full_s, full = timed_build(settings, store)
    print(row(f"{label}: full build (cold)", full_s, full))
    same_s, same = timed_build(settings, store)
    print(row(f"{label}: rebuild, nothing changed", same_s, same))

    languages = settings.matrix.translated_locales
    locale = languages[len(languages) // 2]
    change_one_message(settings, locale)
    one_s, one = timed_build(settings, store)
    print(row(f"{label}: rebuild, {locale} changed", one_s, one))

    others = [p for p in one.written_paths if f"/{locale}/" not in p]
    ratio = one_s / full_s
    print(f"rebuild / full build: {ratio:.3f} (goal < 0.100)")
    print(f"files written by the rebuild: {one.written_paths}")
    ok = ratio < 0.1 and not others and one.rendered == 1
    print("goal met" if ok else f"goal missed (files of other locales written: {others})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locales", type=int, default=100)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/i18n-bench-release"))
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)

    sample(args.work)
    return 0 if corpus(args.work, args.locales, args.messages) else 1


if __name__ == "__main__":
    sys.exit(main())
